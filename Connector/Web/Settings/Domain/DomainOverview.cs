namespace Connector.Web.Settings.Domain;

/// <summary>The sending domain as configured, the DKIM records to publish, and what is missing (null when nothing).</summary>
public sealed record DomainOverview(
    string? Domain, string? FromAddress, string DkimDomain, string BounceDomain, IReadOnlyList<string> Relays, IReadOnlyList<DomainDkimKey> Keys, string? KeyProblem);
