namespace Connector.Reports.Ui;

/// <summary>
/// Something an admin must act on: <c>reauth</c> (the app's tokens were refused), <c>domain_paused</c> (a recipient
/// domain refused with a policy block), <c>complaints</c> (over 0.1 % of delivered), <c>dns</c> (a failing check of the
/// sending domain). Subject names what it is about (a domain, a rate); Detail is the system's own words (a check's
/// finding, a relay's reply); Link is where it is fixed: an app route (<c>/settings/domains</c>) or the portal's page.
/// </summary>
public sealed record DashboardWarning(string Code, string Severity, string Subject, string? Detail, string? Until, string Link);
