using Microsoft.Extensions.Options;

namespace Connector.Scenarios;

/// <summary>Checks <c>Scenarios:*</c> at start; each failure names the key.</summary>
public sealed class ScenariosOptionsValidator : IValidateOptions<ScenariosOptions>
{
    public ValidateOptionsResult Validate(string? name, ScenariosOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.IntervalSeconds is < 1 or > 3600)
        {
            problems.Add("Scenarios:IntervalSeconds must be between 1 and 3600");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.DefaultTimeZone ?? "", out _))
        {
            problems.Add($"Scenarios:DefaultTimeZone '{Connector.Web.LogText.Safe(options.DefaultTimeZone ?? "")}' is not a time zone id (IANA such as Europe/Moscow, or Windows)");
        }

        if (options.TimeZoneField is { } field && !System.Text.RegularExpressions.Regex.IsMatch(field, "^[A-Za-z0-9_]{1,64}$"))
        {
            problems.Add("Scenarios:TimeZoneField must be a custom field code such as UF_CRM_TIMEZONE");
        }

        if (options.BatchSize is < 1 or > 100_000)
        {
            problems.Add("Scenarios:BatchSize must be between 1 and 100000");
        }

        if (options.Lease < TimeSpan.FromSeconds(10) || options.Lease > TimeSpan.FromHours(1))
        {
            problems.Add("Scenarios:Lease must be between 00:00:10 and 01:00:00");
        }

        if (options.WebhookSecret is { Length: > 0 } secret && Connector.Webhooks.WebhookSecret.KeyOf(secret) is null)
        {
            problems.Add("Scenarios:WebhookSecret must be whsec_<base64> or text of at least 16 bytes");
        }

        if (options.WebhookRetryWindow < TimeSpan.FromMinutes(1) || options.WebhookRetryWindow > TimeSpan.FromDays(7))
        {
            problems.Add("Scenarios:WebhookRetryWindow must be between 00:01:00 and 7.00:00:00");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
