namespace Connector.Sync;

/// <summary>Cursors, the per-portal sync lease (one sync of a portal at a time, across processes) and the run log.</summary>
public interface ISyncStateStore
{
    Task<string?> GetCursorAsync(long portalId, string name, CancellationToken cancellationToken);

    Task SetCursorAsync(long portalId, string name, string value, CancellationToken cancellationToken);

    Task<bool> TryAcquireLeaseAsync(long portalId, string holder, TimeSpan duration, CancellationToken cancellationToken);

    Task ReleaseLeaseAsync(long portalId, string holder, CancellationToken cancellationToken);

    Task<long> StartRunAsync(long portalId, string kind, CancellationToken cancellationToken);

    Task FinishRunAsync(long runId, SyncSummary summary, CancellationToken cancellationToken);
}
