using Microsoft.Extensions.Options;

namespace Connector.Webhooks;

/// <summary>Checks <c>Webhooks:*</c> at start; each failure names the key.</summary>
public sealed class WebhooksOptionsValidator : IValidateOptions<WebhooksOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhooksOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.IntervalSeconds is < 1 or > 3600)
        {
            problems.Add("Webhooks:IntervalSeconds must be between 1 and 3600");
        }

        if (options.Timeout < TimeSpan.FromMilliseconds(100) || options.Timeout > TimeSpan.FromMinutes(5))
        {
            problems.Add("Webhooks:Timeout must be between 00:00:00.100 and 00:05:00");
        }

        if (options.RetryWindow < TimeSpan.Zero || options.RetryWindow > TimeSpan.FromDays(30))
        {
            problems.Add("Webhooks:RetryWindow must be between 00:00:00 and 30.00:00:00");
        }

        if (options.DisableAfter < TimeSpan.FromMinutes(1) || options.DisableAfter > TimeSpan.FromDays(30))
        {
            problems.Add("Webhooks:DisableAfter must be between 00:01:00 and 30.00:00:00");
        }

        if (options.RetryBaseDelay < TimeSpan.FromSeconds(1) || options.RetryMaxDelay < options.RetryBaseDelay || options.RetryMaxDelay > TimeSpan.FromDays(1))
        {
            problems.Add("Webhooks:RetryBaseDelay must be at least 00:00:01 and at most Webhooks:RetryMaxDelay (at most 1.00:00:00)");
        }

        if (options.PassSize is < 1 or > 100_000)
        {
            problems.Add("Webhooks:PassSize must be between 1 and 100000");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
