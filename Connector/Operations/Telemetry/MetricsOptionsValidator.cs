using Microsoft.Extensions.Options;

namespace Connector.Operations.Telemetry;

/// <summary>
/// An enabled scrape endpoint needs a token (every inbound endpoint authenticates; the token is never printed), and
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, when set, must be an absolute http(s) URL.
/// </summary>
public sealed class MetricsOptionsValidator(IServiceProvider services) : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (services.GetService<IConfiguration>()?[TelemetryServiceCollectionExtensions.OtlpEndpointVariable] is { Length: > 0 } endpoint
            && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            return ValidateOptionsResult.Fail($"{TelemetryServiceCollectionExtensions.OtlpEndpointVariable}: '{Connector.Web.LogText.Safe(endpoint, 100)}' is not an absolute http(s) URL (e.g. http://otel-collector:4318)");
        }

        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        return (options.Token?.Trim().Length ?? 0) >= MetricsOptions.MinTokenLength
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Metrics:Token: required when Metrics:Enabled=true, at least {MetricsOptions.MinTokenLength} characters (the scraper sends it as Authorization: Bearer TOKEN)");
    }
}
