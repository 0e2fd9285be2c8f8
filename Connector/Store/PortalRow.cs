namespace Connector.Store;

/// <summary>One mirrored portal as <c>portals list</c> shows it (nominal record for Dapper).</summary>
public sealed record PortalRow
{
    public long Id { get; init; }

    public string Key { get; init; } = "";

    public string Domain { get; init; } = "";

    /// <summary>webhook or oauth (an installed app).</summary>
    public string AuthMode { get; init; } = "";

    /// <summary>The app install's status (active, needs_reauth, uninstalled); null for a webhook portal.</summary>
    public string? InstallStatus { get; init; }

    public string? LastSyncAt { get; init; }

    public string? LastSyncStatus { get; init; }

    public string? LastSyncError { get; init; }

    public long Contacts { get; init; }

    public long Deals { get; init; }

    public long Transitions { get; init; }
}
