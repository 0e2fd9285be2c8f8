namespace Connector.Sync;

public sealed record SyncOptions
{
    public const string Section = "Sync";

    /// <summary>How often the incremental pass runs.</summary>
    public TimeSpan IncrementalInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How far back before the last seen modification time an incremental pass reads again (clock and commit skew).</summary>
    public TimeSpan Overlap { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often an incremental pass also reconciles IDs to find deleted records.</summary>
    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Quartz cron of the nightly full pass.</summary>
    public string FullSyncCron { get; init; } = "0 0 3 * * ?";

    /// <summary>How long a full pass waits for a running pass of the same portal before giving up.</summary>
    public TimeSpan LeaseWait { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary><c>false</c> serves without the sync jobs (the token keep-alive and every other job still run).</summary>
    public bool JobsEnabled { get; init; } = true;

    /// <summary>How long a sync holds its portal's lease before another process may take it over.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(30);
}
