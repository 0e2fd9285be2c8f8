namespace Connector.Reports.Ui;

/// <summary>
/// One campaign's, scenario's or template's report: totals and rates, by recipient domain (the stored ASCII form and
/// the Unicode one to show), reaction times, human opens by weekday and hour, the account's baseline and the A/B result.
/// </summary>
public sealed record ReportView(
    string Kind, string Id, string Name, string? State, ReportFigures Totals, ReportRates Rates, IReadOnlyList<ReportDomainView> Domains,
    IReadOnlyList<ReactionBucket> Reaction, HourWeekdayHeatMap Heat, ReportBaseline? Baseline, AbResultView? Experiment);
