namespace Connector.Campaigns.Broadcasts;

/// <summary>
/// When one recipient's letter may go (pure): from a base instant, at the contact's preferred UTC hour when send-time
/// optimisation knows one (the next such hour), then moved to the next opening of the window in the zone that applies
/// (the contact's with <c>--local-time</c>, else the portal's), never before <paramref name="now"/>.
/// </summary>
public static class CampaignSchedule
{
    public static DateTimeOffset NotBefore(DateTimeOffset now, DateTimeOffset start, TimeWindow? window, TimeZoneInfo zone, int? preferredUtcHour)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var at = start > now ? start : now;
        if (preferredUtcHour is { } hour)
        {
            var utc = at.ToUniversalTime();
            var candidate = new DateTimeOffset(utc.Year, utc.Month, utc.Day, hour, 0, 0, TimeSpan.Zero);
            at = candidate < utc ? candidate.AddDays(1) : candidate;
        }

        return window is null ? at : IntoWindow(at, window, zone);
    }

    /// <summary><paramref name="wallClock"/> (its date and time of day, offset ignored) in <paramref name="zone"/>, as an instant.</summary>
    public static DateTimeOffset WallClockIn(DateTime wallClock, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        // A skipped local time (spring forward) is taken an hour later.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static DateTimeOffset IntoWindow(DateTimeOffset at, TimeWindow window, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        if (window.Contains(TimeOnly.FromDateTime(local.DateTime)))
        {
            return at;
        }

        var opening = local.Date + window.Start.ToTimeSpan();
        if (opening <= local.DateTime)
        {
            opening = opening.AddDays(1);
        }

        return WallClockIn(opening, zone);
    }
}
