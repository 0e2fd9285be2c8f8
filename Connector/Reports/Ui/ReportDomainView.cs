namespace Connector.Reports.Ui;

/// <summary>One recipient domain's figures: the stored (ASCII) domain and its Unicode display form (<see cref="DisplayDomain"/>).</summary>
public sealed record ReportDomainView(string Domain, string Display, ReportFigures Figures, ReportRates Rates);
