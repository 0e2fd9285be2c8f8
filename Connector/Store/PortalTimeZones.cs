using System.Globalization;

namespace Connector.Store;

/// <summary>
/// The portal's own time zone as Sync stores it on <c>portals.time_zone</c>: a zone id (IANA or Windows, from
/// <c>user.current</c>'s TIME_ZONE) or, when the portal names none, a fixed UTC offset such as <c>+03:00</c> (from
/// <c>server.time</c>). Null or unreadable text is no zone, so the caller falls through to its default.
/// </summary>
public static class PortalTimeZones
{
    public static TimeZoneInfo? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (ContactTimeZones.Find(text) is { } zone)
        {
            return zone;
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 6 && trimmed[0] is '+' or '-'
            && TimeSpan.TryParseExact(trimmed[1..], "hh\\:mm", CultureInfo.InvariantCulture, out var offset) && offset <= TimeSpan.FromHours(14))
        {
            var signed = trimmed[0] == '-' ? -offset : offset;
            return TimeZoneInfo.CreateCustomTimeZone($"UTC{trimmed}", signed, $"UTC{trimmed}", $"UTC{trimmed}");
        }

        return null;
    }

    /// <summary>The stored form of a fixed offset: <c>+03:00</c>, <c>-05:30</c>.</summary>
    public static string FormatOffset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture);
}
