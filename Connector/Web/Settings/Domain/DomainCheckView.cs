namespace Connector.Web.Settings.Domain;

/// <summary>The domain check's answer: the domain, the worst status, each check.</summary>
public sealed record DomainCheckView(string Domain, string Status, IReadOnlyList<DomainCheckLine> Checks);
