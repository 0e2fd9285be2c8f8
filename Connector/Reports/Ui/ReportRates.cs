namespace Connector.Reports.Ui;

/// <summary>
/// A report's rates, as fractions (null when the denominator is zero): delivery per sent; opens, clicks, unsubscribes
/// and complaints per delivered (human and raw: without and with machine hits); CTOR as <see cref="ReportFigures.ClickToOpen"/>;
/// bounces per message that reached a verdict (delivered + bounced).
/// </summary>
public sealed record ReportRates(
    double? Delivery, double? Open, double? OpenRaw, double? Click, double? ClickRaw, double? ClickToOpen, double? Unsubscribe, double? Bounce, double? Complaint)
{
    public static ReportRates Of(ReportFigures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new ReportRates(
            Ratio(f.Delivered, f.Sent), Ratio(f.HumanOpeners, f.Delivered), Ratio(f.Openers, f.Delivered), Ratio(f.HumanClickers, f.Delivered),
            Ratio(f.Clickers, f.Delivered), f.ClickToOpen, Ratio(f.Unsubscribes, f.Delivered), Ratio(f.Bounced, f.Delivered + f.Bounced), Ratio(f.Complaints, f.Delivered));
    }

    private static double? Ratio(long part, long whole) => whole == 0 ? null : (double)part / whole;
}
