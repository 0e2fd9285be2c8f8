namespace Connector.Web.Settings.Domain;

/// <summary>One check of the domain: its name (<c>spf</c>, <c>dkim:SELECTOR</c>, …), <c>pass</c>/<c>warn</c>/<c>fail</c>, what was found and the fix.</summary>
public sealed record DomainCheckLine(string Check, string Status, string Detail, string? Fix);
