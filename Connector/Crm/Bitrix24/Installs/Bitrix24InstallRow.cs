namespace Connector.Crm.Bitrix24.Installs;

/// <summary>The stored row: secrets still encrypted.</summary>
public sealed record Bitrix24InstallRow
{
    public string MemberId { get; init; } = "";

    public long PortalId { get; init; }

    public string Domain { get; init; } = "";

    public string ClientEndpoint { get; init; } = "";

    public string? ServerEndpoint { get; init; }

    public string ApplicationToken { get; init; } = "";

    public string? AccessToken { get; init; }

    public string? RefreshToken { get; init; }

    public string? AccessExpiresAt { get; init; }

    public string? RefreshedAt { get; init; }

    public string? Scope { get; init; }

    public string Status { get; init; } = "";

    public string? StatusReason { get; init; }
}
