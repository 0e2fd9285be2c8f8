namespace Connector.Web.Settings.Keys;

/// <summary>A new key's name (required, at most 100 characters, unique among the portal's live keys).</summary>
public sealed record ApiKeyBody(string? Name);
