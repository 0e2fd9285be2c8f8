namespace Connector.Sync;

/// <summary>Receives what a read produces, page by page, in dependency order (history before deals).</summary>
public interface ICrmReadSink
{
    ValueTask OnPipelinesAsync(IReadOnlyList<CrmPipeline> pipelines, IReadOnlyList<CrmStage> stages, CancellationToken cancellationToken);

    ValueTask OnHistoryAsync(IReadOnlyList<CrmStageHistoryEntry> entries, CancellationToken cancellationToken);

    ValueTask OnHistoryLatestIdAsync(long? latestId, CancellationToken cancellationToken);

    ValueTask OnDealsAsync(IReadOnlyList<CrmDeal> deals, CancellationToken cancellationToken);

    ValueTask OnContactsAsync(IReadOnlyList<CrmContact> contacts, CancellationToken cancellationToken);

    ValueTask OnIdsAsync(CrmRecordKind kind, IReadOnlyList<long> ids, CancellationToken cancellationToken);

    void OnRejected(CrmRejectedRecord rejected);

    /// <summary>The CRM reported how many records of a kind the read will cover (for progress).</summary>
    void OnTotal(CrmRecordKind kind, long total);
}
