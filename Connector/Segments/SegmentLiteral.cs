using System.Globalization;

namespace Connector.Segments;

/// <summary>
/// A value written in an expression: text, a number, a date (midnight UTC of that day), a moment relative to now
/// (<c>90 days ago</c>, <c>today</c>, <c>now</c>), resolved when the expression is compiled.
/// </summary>
public sealed record SegmentLiteral
{
    public required SegmentFieldType Type { get; init; }

    public string? Text { get; init; }

    public decimal? Number { get; init; }

    /// <summary>An absolute date (<see cref="Type"/> Date), else null.</summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>A relative date: how far before now (<c>TimeSpan.Zero</c> for now); <see cref="StartOfDay"/> for today.</summary>
    public TimeSpan? Ago { get; init; }

    public bool StartOfDay { get; init; }

    public required int Column { get; init; }

    public DateTimeOffset At(DateTimeOffset now) =>
        Date ?? (StartOfDay ? new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) : now - (Ago ?? TimeSpan.Zero));

    public override string ToString() => Type switch
    {
        SegmentFieldType.Text => $"\"{Text}\"",
        SegmentFieldType.Number => Number!.Value.ToString(CultureInfo.InvariantCulture),
        _ => Date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : StartOfDay ? "today" : $"{Ago!.Value.TotalHours} hours ago",
    };
}
