namespace Connector.Web.Settings.Domain;

/// <summary>One signing key's record to publish: selector, algorithm, the TXT name and value (the public key).</summary>
public sealed record DomainDkimKey(string Selector, string Algorithm, string Name, string Value);
