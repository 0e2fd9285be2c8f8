using System.Globalization;

namespace Connector.Campaigns.Broadcasts;

/// <summary>
/// A daily sending window (<c>--window 09:00-18:00</c>), start inclusive, end exclusive; one that ends before it starts
/// spans midnight (22:00-06:00).
/// </summary>
public sealed record TimeWindow(TimeOnly Start, TimeOnly End)
{
    public static TimeWindow? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('-');
        return parts.Length == 2
               && TimeOnly.TryParseExact(parts[0].Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
               && TimeOnly.TryParseExact(parts[1].Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
               && start != end
            ? new TimeWindow(start, end)
            : null;
    }

    public bool Contains(TimeOnly time) => Start < End ? time >= Start && time < End : time >= Start || time < End;

    public override string ToString() => $"{Start:HH\\:mm}-{End:HH\\:mm}";
}
