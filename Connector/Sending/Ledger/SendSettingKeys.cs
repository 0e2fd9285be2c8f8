namespace Connector.Sending.Ledger;

/// <summary>
/// The configuration keys of the send throttles a portal may set for itself in the app's Settings (rows of
/// <c>portal_settings</c> with the same key): a portal's value wins over configuration for its mail.
/// </summary>
public static class SendSettingKeys
{
    public const string PerDay = "Sending:FrequencyCap:PerDay";
    public const string PerWeek = "Sending:FrequencyCap:PerWeek";
    public const string QuietStart = "Sending:QuietHours:Start";
    public const string QuietEnd = "Sending:QuietHours:End";
    public const string QuietTimeZone = "Sending:QuietHours:TimeZone";
    public const string TrackOpens = "Tracking:Opens";
    public const string TrackClicks = "Tracking:Clicks";

    /// <summary>The keys the reservation reads per portal.</summary>
    public static IReadOnlyList<string> Reservation { get; } = [PerDay, PerWeek, QuietStart, QuietEnd, QuietTimeZone];

    /// <summary>The configured quiet hours (<c>Sending:QuietHours:Start</c>, <c>:End</c>); null when unset.</summary>
    public static QuietHours? QuietFrom(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return QuietHours.From(configuration[QuietStart], configuration[QuietEnd]);
    }

    /// <summary><c>Sending:QuietHours:TimeZone</c> when set and known here; else null.</summary>
    public static TimeZoneInfo? QuietZoneFrom(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Store.ContactTimeZones.Find(configuration[QuietTimeZone]);
    }

    /// <summary><c>Scenarios:DefaultTimeZone</c> (default UTC).</summary>
    public static TimeZoneInfo DefaultZoneFrom(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Store.ContactTimeZones.Find(configuration["Scenarios:DefaultTimeZone"]) ?? TimeZoneInfo.Utc;
    }
}
