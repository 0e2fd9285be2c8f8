namespace Connector.Reports;

/// <summary>A message of a contact or deal and the clicks on each of its links.</summary>
public sealed record ReportMessage(ReportMessageRow Row, IReadOnlyList<ReportLink> Links);
