namespace Connector.Reports.Ui;

/// <summary>
/// One campaign, scenario or template in the reports list: its id as the report route takes it (a campaign's send key,
/// a scenario's number, a template's name), its name and state, when it was created or first used, and its figures.
/// </summary>
public sealed record ReportListItem(string Kind, string Id, string Name, string? State, string? CreatedAt, ReportFigures Figures, ReportRates Rates);
