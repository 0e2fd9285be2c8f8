using System.Globalization;

namespace Connector.Sending.Ledger;

/// <summary>
/// A local-time window when no marketing mail leaves (<c>Sending:QuietHours:Start</c>, <c>:End</c>, <c>HH:mm</c>, the end
/// excluded; a start later than the end spans midnight, e.g. 21:00–09:00). Campaign and scenario rows due inside it wait
/// until its end (deferred, no attempt spent); transactional mail is exempt. The zone is the portal's (see
/// <see cref="PortalSendRules"/>).
/// </summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    /// <summary>Reads <c>HH:mm</c> (00:00–23:59); null when it is not such a time.</summary>
    public static TimeOnly? ParseTime(string? text) =>
        text is { Length: 5 } && TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    /// <summary>The window of two <c>HH:mm</c> texts; null when either is missing or unreadable, or they are equal.</summary>
    public static QuietHours? From(string? start, string? end) =>
        ParseTime(start) is { } s && ParseTime(end) is { } e && s != e ? new QuietHours(s, e) : null;

    /// <summary>When a marketing message due <paramref name="now"/> may leave, in <paramref name="zone"/>; null = now (outside the window).</summary>
    public DateTimeOffset? Blocks(DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var clock = TimeOnly.FromTimeSpan(local.TimeOfDay);
        var inside = Start < End ? clock >= Start && clock < End : clock >= Start || clock < End;
        if (!inside)
        {
            return null;
        }

        // The window's end on the local calendar: today, or tomorrow when the window spans midnight and it is evening.
        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (Start > End && clock >= Start)
        {
            endDate = endDate.AddDays(1);
        }

        var endLocal = endDate.ToDateTime(End, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(endLocal))
        {
            endLocal = endLocal.AddMinutes(30); // a clock skipped forward (DST): the first valid minute after
        }

        var utc = TimeZoneInfo.ConvertTimeToUtc(endLocal, zone);
        return new DateTimeOffset(utc, TimeSpan.Zero) > now ? new DateTimeOffset(utc, TimeSpan.Zero) : now.AddMinutes(1);
    }

    public override string ToString() =>
        Start.ToString("HH:mm", CultureInfo.InvariantCulture) + "–" + End.ToString("HH:mm", CultureInfo.InvariantCulture);
}
