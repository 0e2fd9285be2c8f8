namespace Connector.Reports.Ui;

/// <summary>
/// The account's own baseline: the median of each rate over its latest campaigns with a sent message (up to
/// <see cref="Size"/>, the report's own campaign left out), and the report's difference from it in fractions
/// (0.02 = two percentage points). A rate none of them has is null, and so is its delta.
/// </summary>
public sealed record ReportBaseline(int Campaigns, ReportRates Median, ReportRates Delta)
{
    public const int Size = 10;

    public static ReportBaseline? Of(ReportRates report, IReadOnlyList<ReportRates> campaigns)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(campaigns);
        if (campaigns.Count == 0)
        {
            return null;
        }

        var median = new ReportRates(
            MedianOf(campaigns.Select(c => c.Delivery)), MedianOf(campaigns.Select(c => c.Open)), MedianOf(campaigns.Select(c => c.OpenRaw)),
            MedianOf(campaigns.Select(c => c.Click)), MedianOf(campaigns.Select(c => c.ClickRaw)), MedianOf(campaigns.Select(c => c.ClickToOpen)),
            MedianOf(campaigns.Select(c => c.Unsubscribe)), MedianOf(campaigns.Select(c => c.Bounce)), MedianOf(campaigns.Select(c => c.Complaint)));
        var delta = new ReportRates(
            Minus(report.Delivery, median.Delivery), Minus(report.Open, median.Open), Minus(report.OpenRaw, median.OpenRaw),
            Minus(report.Click, median.Click), Minus(report.ClickRaw, median.ClickRaw), Minus(report.ClickToOpen, median.ClickToOpen),
            Minus(report.Unsubscribe, median.Unsubscribe), Minus(report.Bounce, median.Bounce), Minus(report.Complaint, median.Complaint));
        return new ReportBaseline(campaigns.Count, median, delta);
    }

    /// <summary>The median of the values present (the mean of the middle two for an even count); null when none is.</summary>
    public static double? MedianOf(IEnumerable<double?> values)
    {
        var sorted = values.Where(v => v.HasValue).Select(v => v!.Value).Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double? Minus(double? a, double? b) => a is { } x && b is { } y ? x - y : null;
}
