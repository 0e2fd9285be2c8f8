namespace Connector.Api;

/// <summary>An API key as listed (never the key itself): id, portal, when created, last used and revoked.</summary>
public sealed record ApiKeyRow
{
    public string Id { get; init; } = "";

    public string Portal { get; init; } = "";

    public string CreatedAt { get; init; } = "";

    public string? LastUsedAt { get; init; }

    public string? RevokedAt { get; init; }
}
