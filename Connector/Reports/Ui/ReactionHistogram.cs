namespace Connector.Reports.Ui;

/// <summary>The time from the send to the first human open and the first human click, in fixed buckets (a reaction before the send's recorded time counts in the first).</summary>
public static class ReactionHistogram
{
    /// <summary>The buckets' lower bounds in seconds: 0, 5 min, 15 min, 1 h, 3 h, 6 h, 12 h, 1 d, 2 d, 7 d.</summary>
    public static readonly IReadOnlyList<long> Bounds = [0, 300, 900, 3_600, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800];

    public static IReadOnlyList<ReactionBucket> Build(IEnumerable<ReactionRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var opens = new long[Bounds.Count];
        var clicks = new long[Bounds.Count];
        foreach (var row in rows)
        {
            if (row.OpenSeconds is { } o)
            {
                opens[IndexOf(o)]++;
            }

            if (row.ClickSeconds is { } c)
            {
                clicks[IndexOf(c)]++;
            }
        }

        return Bounds.Select((from, i) => new ReactionBucket(from, i + 1 < Bounds.Count ? Bounds[i + 1] : null, opens[i], clicks[i])).ToList();
    }

    public static int IndexOf(double seconds)
    {
        var index = 0;
        for (var i = 1; i < Bounds.Count && seconds >= Bounds[i]; i++)
        {
            index = i;
        }

        return index;
    }
}
