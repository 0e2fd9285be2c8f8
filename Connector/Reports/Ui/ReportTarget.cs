namespace Connector.Reports.Ui;

/// <summary>A report's subject once its kind and id are checked and found in the caller's portal: what it reads and how it is named.</summary>
public sealed record ReportTarget(string Kind, string Id, string Name, string? State, ReportSelection Selection, CampaignKeyRow? Campaign);
