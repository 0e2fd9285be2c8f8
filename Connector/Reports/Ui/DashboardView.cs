namespace Connector.Reports.Ui;

/// <summary>The last 30 days of the portal: figures and rates of the messages settled in them, one entry a day (in Zone), and the warnings.</summary>
public sealed record DashboardView(
    string Since, string Until, ReportZone Zone, ReportFigures Totals, ReportRates Rates, IReadOnlyList<DashboardDay> Days, IReadOnlyList<DashboardWarning> Warnings);
