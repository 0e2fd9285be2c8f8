namespace Connector.Scenarios;

/// <summary>The next instant inside a weekday/time window, in a time zone (now itself when inside it).</summary>
public static class WaitWindows
{
    public static DateTimeOffset NextOpening(WaitWindow window, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        for (var day = 0; day <= 7; day++)
        {
            var date = DateOnly.FromDateTime(local.DateTime).AddDays(day);
            if (!window.Days.Contains(date.DayOfWeek))
            {
                continue;
            }

            var start = At(date, window.From, zone);
            var end = At(date, window.To, zone);
            if (now < start)
            {
                return start;
            }

            if (now < end)
            {
                return now;
            }
        }

        return now;
    }

    // A local time that does not exist (the hour skipped when clocks go forward) moves on by that hour.
    private static DateTimeOffset At(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
