namespace Connector.Web.Settings.Keys;

/// <summary>An API key as listed: its prefix (<c>ceb_</c> + its id, the rest never kept), its name (null for keys made without), when created, last used and revoked.</summary>
public sealed record ApiKeyView(string Id, string Prefix, string? Name, string CreatedAt, string? LastUsedAt, string? RevokedAt);
