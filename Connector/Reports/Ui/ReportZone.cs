namespace Connector.Reports.Ui;

/// <summary>The time zone a report's hours and days are in: its id and where it came from (<c>user</c>: the viewer's browser; <c>portal</c>: the portal's, or the default).</summary>
public sealed record ReportZone(string Id, string Source);
