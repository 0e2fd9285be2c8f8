namespace Connector.Crm.Bitrix24.Installs;

/// <summary>One portal that installed the app, with its tokens decrypted (never log this record).</summary>
public sealed record Bitrix24Install
{
    public required string MemberId { get; init; }

    public required long PortalId { get; init; }

    public required string Domain { get; init; }

    public required Uri ClientEndpoint { get; init; }

    public string? ServerEndpoint { get; init; }

    public required string ApplicationToken { get; init; }

    public string? AccessToken { get; init; }

    public string? RefreshToken { get; init; }

    public DateTimeOffset? AccessExpiresAt { get; init; }

    public DateTimeOffset? RefreshedAt { get; init; }

    public string? Scope { get; init; }

    public required string Status { get; init; }

    public string? StatusReason { get; init; }

    public bool IsActive => Status == Bitrix24InstallStatus.Active;

    public Bitrix24Portal ToPortal() => new(MemberId, ClientEndpoint, Bitrix24AuthMode.OAuth);

    public override string ToString() => $"install {MemberId} ({Domain}, {Status})";
}
