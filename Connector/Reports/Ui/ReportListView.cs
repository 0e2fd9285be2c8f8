namespace Connector.Reports.Ui;

/// <summary>The portal's campaigns (newest first), scenarios and templates with their figures.</summary>
public sealed record ReportListView(IReadOnlyList<ReportListItem> Campaigns, IReadOnlyList<ReportListItem> Scenarios, IReadOnlyList<ReportListItem> Templates);
