using Microsoft.Extensions.Options;

namespace Connector.Operations.Telemetry;

/// <summary>An enabled scrape endpoint needs a token (every inbound endpoint authenticates); the token is never printed.</summary>
public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        return (options.Token?.Trim().Length ?? 0) >= MetricsOptions.MinTokenLength
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Metrics:Token: required when Metrics:Enabled=true, at least {MetricsOptions.MinTokenLength} characters (the scraper sends it as Authorization: Bearer TOKEN)");
    }
}
