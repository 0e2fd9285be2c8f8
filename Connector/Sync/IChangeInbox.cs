namespace Connector.Sync;

/// <summary>Durable inbox of CRM changes: stored before the CRM gets its 200, applied later in the background.</summary>
public interface IChangeInbox
{
    Task AddAsync(long portalId, CrmChange change, string payload, CancellationToken cancellationToken);

    Task<IReadOnlyList<long>> PortalsWithPendingAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<PendingChange>> TakePendingAsync(long portalId, int limit, CancellationToken cancellationToken);

    Task MarkProcessedAsync(IReadOnlyList<long> ids, string? failure, CancellationToken cancellationToken);
}
