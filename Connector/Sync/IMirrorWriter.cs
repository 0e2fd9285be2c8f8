namespace Connector.Sync;

/// <summary>
/// What the sync engine writes into the mirror. Every call is one transaction: a page is stored whole or not at all.
/// <c>pass</c> numbers a sync run; rows not seen by a complete full pass are marked deleted.
/// </summary>
public interface IMirrorWriter
{
    Task<long> EnsurePortalAsync(string portalKey, string domain, string authMode, CancellationToken cancellationToken);

    /// <summary>After a failed pass: drops the portal row again when the portal never answered (nothing mirrored, no cursor, no install); true when dropped.</summary>
    Task<bool> ForgetUnansweredPortalAsync(long portalId, CancellationToken cancellationToken);

    /// <summary><paramref name="pass"/> null (event-driven writes) leaves the rows' seen-pass as it was.</summary>
    Task UpsertContactsAsync(long portalId, IReadOnlyList<ContactWrite> contacts, long? pass, CancellationToken cancellationToken);

    /// <summary>Upserts deals and records a transition (found by <paramref name="detectedBy"/>: poll or event) where a mirrored deal's stage changed.</summary>
    Task<int> UpsertDealsAsync(long portalId, IReadOnlyList<CrmDeal> deals, long? pass, bool recordNewDeals, string detectedBy, CancellationToken cancellationToken);

    /// <summary>Applies stage-history rows in ID order; links rows to transitions already recorded; returns new transitions.</summary>
    Task<int> ApplyHistoryAsync(long portalId, IReadOnlyList<CrmStageHistoryEntry> entries, CancellationToken cancellationToken);

    Task UpsertPipelinesAsync(long portalId, IReadOnlyList<CrmPipeline> pipelines, IReadOnlyList<CrmStage> stages, CancellationToken cancellationToken);

    Task<IReadOnlyList<long>> PipelineIdsAsync(long portalId, CancellationToken cancellationToken);

    /// <summary>Stores the portal's own time zone (portals.time_zone), the fallback for contacts without one.</summary>
    Task SetPortalTimeZoneAsync(long portalId, string zone, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stores the portal's users as read (users; a user no longer listed stays, marked inactive).</summary>
    Task UpsertUsersAsync(long portalId, IReadOnlyList<CrmUser> users, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Replaces the portal's custom-field labels with <paramref name="labels"/>, in one transaction.</summary>
    Task ReplaceFieldLabelsAsync(long portalId, IReadOnlyList<CrmFieldLabel> labels, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Marks the given live IDs as seen in <paramref name="pass"/> (ID reconcile).</summary>
    Task TouchAsync(long portalId, CrmRecordKind kind, IReadOnlyList<long> ids, long pass, CancellationToken cancellationToken);

    /// <summary>Marks these records deleted (the CRM said so, or they are gone when read again); their history stays.</summary>
    Task<int> MarkDeletedAsync(long portalId, CrmRecordKind kind, IReadOnlyList<long> ids, CancellationToken cancellationToken);

    /// <summary>Deletes everything mirrored for a portal (uninstall with CLEAN=1), in one transaction.</summary>
    Task PurgePortalAsync(long portalId, CancellationToken cancellationToken);

    /// <summary>Marks records not seen in <paramref name="pass"/> as deleted; returns how many.</summary>
    Task<int> MarkUnseenDeletedAsync(long portalId, CrmRecordKind kind, long pass, CancellationToken cancellationToken);
}
