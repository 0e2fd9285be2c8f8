namespace Connector.Rfm;

/// <summary>
/// Which named segment an R and F score pair falls in, and the segments' codes as the store, the segment language
/// (<c>rfm.segment = "at_risk"</c>) and scenario triggers write them. The map is the common R×F grid: recent and
/// frequent are champions, frequent but long gone are "can't lose", neither is hibernating.
/// </summary>
public static class RfmSegments
{
    private static readonly Dictionary<RfmSegment, string> Codes = new()
    {
        [RfmSegment.Champions] = "champions",
        [RfmSegment.Loyal] = "loyal",
        [RfmSegment.PotentialLoyalists] = "potential_loyalists",
        [RfmSegment.NewCustomers] = "new_customers",
        [RfmSegment.Promising] = "promising",
        [RfmSegment.NeedAttention] = "need_attention",
        [RfmSegment.AboutToSleep] = "about_to_sleep",
        [RfmSegment.AtRisk] = "at_risk",
        [RfmSegment.CantLose] = "cant_lose",
        [RfmSegment.Hibernating] = "hibernating",
    };

    private static readonly Dictionary<string, RfmSegment> ByCode = Codes.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Every code, best first (the order the app lists them in).</summary>
    public static IReadOnlyList<string> All { get; } = [.. Codes.Values];

    public static string Code(RfmSegment segment) => Codes[segment];

    public static RfmSegment? Parse(string? code) => code is not null && ByCode.TryGetValue(code, out var segment) ? segment : null;

    /// <summary>The segment of recency score <paramref name="r"/> and frequency score <paramref name="f"/> (each 1..5).</summary>
    public static RfmSegment Of(int r, int f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(r, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(r, 5);
        ArgumentOutOfRangeException.ThrowIfLessThan(f, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(f, 5);
        return (r, f) switch
        {
            ( <= 2, <= 2) => RfmSegment.Hibernating,
            ( <= 2, <= 4) => RfmSegment.AtRisk,
            ( <= 2, _) => RfmSegment.CantLose,
            (3, <= 2) => RfmSegment.AboutToSleep,
            (3, 3) => RfmSegment.NeedAttention,
            (3 or 4, >= 4) => RfmSegment.Loyal,
            (4, 1) => RfmSegment.Promising,
            (5, 1) => RfmSegment.NewCustomers,
            (_, <= 3) => RfmSegment.PotentialLoyalists,
            _ => RfmSegment.Champions,
        };
    }
}
