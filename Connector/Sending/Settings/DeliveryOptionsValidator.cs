using Connector.Sending.Smtp;
using Microsoft.Extensions.Options;

namespace Connector.Sending.Settings;

/// <summary><c>Smtp:*</c> and <c>Sending:*</c> at start: every transport and route parses, every number is a number.</summary>
public sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = options.Configuration;
        var problem = TransportTable.Problem(configuration)
            ?? SettingChecks.Bool("Sending:Validation:CheckMx", configuration["Sending:Validation:CheckMx"])
            ?? SettingChecks.Bool("Sending:Profile", configuration["Sending:Profile"])
            ?? SettingChecks.Bool("Sending:Transactional:RetryUnknown", configuration["Sending:Transactional:RetryUnknown"])
            ?? SettingChecks.NonNegativeInt("Sending:FrequencyCap:PerDay", configuration["Sending:FrequencyCap:PerDay"])
            ?? SettingChecks.NonNegativeInt("Sending:FrequencyCap:PerWeek", configuration["Sending:FrequencyCap:PerWeek"])
            ?? QuietHoursProblem(configuration)
            ?? configuration.GetSection("Sending:DomainRates").GetChildren().Select(c => SettingChecks.PositiveNumber(c.Path, c.Value)).FirstOrDefault(p => p is not null)
            ?? new[] { configuration.GetSection("Sending:WarmUp") }.Concat(configuration.GetSection("Sending:WarmUp:Domains").GetChildren())
                .Select(WarmUpProblem).FirstOrDefault(p => p is not null);
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }

    // Sending:QuietHours:Start and :End as HH:mm, both or neither, not equal; :TimeZone a zone this machine knows.
    private static string? QuietHoursProblem(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var (start, end, zone) = (configuration[Ledger.SendSettingKeys.QuietStart], configuration[Ledger.SendSettingKeys.QuietEnd], configuration[Ledger.SendSettingKeys.QuietTimeZone]);
        if (start is { Length: > 0 } && Ledger.QuietHours.ParseTime(start) is null)
        {
            return $"Sending:QuietHours:Start: '{Web.LogText.Safe(start)}' is not a time as HH:mm";
        }

        if (end is { Length: > 0 } && Ledger.QuietHours.ParseTime(end) is null)
        {
            return $"Sending:QuietHours:End: '{Web.LogText.Safe(end)}' is not a time as HH:mm";
        }

        if (string.IsNullOrEmpty(start) != string.IsNullOrEmpty(end) || (start is { Length: > 0 } && start == end))
        {
            return "Sending:QuietHours: Start and End are set together and differ (e.g. 21:00 and 09:00)";
        }

        return zone is { Length: > 0 } && Store.ContactTimeZones.Find(zone) is null
            ? $"Sending:QuietHours:TimeZone: '{Web.LogText.Safe(zone)}' is not a time zone id (IANA such as Europe/Moscow)"
            : null;
    }

    private static string? WarmUpProblem(Microsoft.Extensions.Configuration.IConfigurationSection section) =>
        (section["Start"] is { } start && !DateTimeOffset.TryParse(start, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out _)
            ? $"{section.Path}:Start: '{start}' is not a date (like 2026-12-01)" : null)
        ?? SettingChecks.NonNegativeInt($"{section.Path}:FirstDay", section["FirstDay"])
        ?? (section["Growth"] is { } growth && !(double.TryParse(growth, System.Globalization.CultureInfo.InvariantCulture, out var g) && g >= 1)
            ? $"{section.Path}:Growth: '{growth}' is not a number of at least 1" : null);
}
