namespace Connector.Api;

/// <summary>An API key as listed (never the key itself): id, portal, name, when created, last used and revoked.</summary>
public sealed record ApiKeyRow
{
    public string Id { get; init; } = "";

    public string Portal { get; init; } = "";

    /// <summary>The name given at creation (the app asks for one); null for keys made without.</summary>
    public string? Name { get; init; }

    public string CreatedAt { get; init; } = "";

    public string? LastUsedAt { get; init; }

    public string? RevokedAt { get; init; }
}
