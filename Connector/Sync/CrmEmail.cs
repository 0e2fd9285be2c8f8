namespace Connector.Sync;

/// <summary>One e-mail of a contact exactly as the CRM holds it (normalisation happens in the mirror).</summary>
public sealed record CrmEmail(string Value, string? ValueType);
