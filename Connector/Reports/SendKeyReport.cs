namespace Connector.Reports;

/// <summary>A send key's report: the key (null when its rows predate send_keys), the totals and the same by recipient domain.</summary>
public sealed record SendKeyReport(string SendKey, ReportSendKey? Key, ReportFigures Totals, IReadOnlyList<ReportFigures> ByDomain);
