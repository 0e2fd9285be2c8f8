using Microsoft.Extensions.Logging;

namespace Connector.Sync;

/// <summary>
/// Applies a portal's pending CRM changes: coalesces them (a thousand updates of one deal are one read), reads the
/// changed records again in one batched read, writes them to the mirror with transitions marked "event", and marks
/// deletions. A failed read leaves the changes pending; the incremental pass would find them anyway.
/// </summary>
public sealed class ChangeApplier(ICrmSourceProvider sources, IMirrorWriter writer, IChangeInbox inbox, ISyncStateStore state, ILogger<ChangeApplier> logger)
{
    public const int RoundLimit = 20_000;

    public async Task<ChangeApplyResult> ApplyPendingAsync(long portalId, CancellationToken cancellationToken)
    {
        var pending = await inbox.TakePendingAsync(portalId, RoundLimit, cancellationToken);
        if (pending.Count == 0)
        {
            return ChangeApplyResult.None;
        }

        var ids = pending.Select(p => p.Id).ToList();
        if (await sources.GetAsync(pending[0].PortalKey, cancellationToken) is not { } source)
        {
            await inbox.MarkProcessedAsync(ids, "portal is not active", cancellationToken);
            return ChangeApplyResult.None with { Events = pending.Count };
        }

        var (reads, deletes) = Coalesce(pending);
        var baseline = await state.GetCursorAsync(portalId, SyncCursorNames.Baseline, cancellationToken) is not null;
        var sink = new MirrorSink(writer, portalId, pass: null, recordNewDeals: baseline, progress: null, logger, detectedBy: "event");
        var plan = new CrmReadPlan { ContactIds = Ids(reads, CrmRecordKind.Contact), DealIds = Ids(reads, CrmRecordKind.Deal) };
        var read = await source.ReadAsync(plan, sink, cancellationToken);
        if (read.Failure is not null)
        {
            logger.LogWarning("Applying {Count} changes of {Portal} failed, kept for the next round: {Failure}", pending.Count, source.PortalKey, read.Failure);
            return new ChangeApplyResult(pending.Count, 0, 0, 0, 0, read.Requests, read.Failure);
        }

        // Asked for but not returned: deleted since the event (rejected rows are not "gone", they were unreadable).
        var unreadable = sink.RejectedIds.ToHashSet();
        var gone = reads.Where(r => !sink.Read.Contains(r) && !unreadable.Contains(r)).Concat(deletes).ToList();
        var deleted = 0;
        foreach (var group in gone.GroupBy(g => g.Kind))
        {
            deleted += await writer.MarkDeletedAsync(portalId, group.Key, group.Select(g => g.Id).ToList(), cancellationToken);
        }

        await inbox.MarkProcessedAsync(ids, null, cancellationToken);
        return new ChangeApplyResult(pending.Count, plan.ContactIds.Count, plan.DealIds.Count, deleted, (int)sink.Transitions, read.Requests, null);
    }

    /// <summary>The last word per record wins: a delete cancels earlier updates; updates collapse into one read.</summary>
    private static (HashSet<(CrmRecordKind Kind, long Id)> Reads, HashSet<(CrmRecordKind Kind, long Id)> Deletes) Coalesce(IReadOnlyList<PendingChange> pending)
    {
        var reads = new HashSet<(CrmRecordKind, long)>();
        var deletes = new HashSet<(CrmRecordKind, long)>();
        foreach (var change in pending.OrderBy(p => p.Id))
        {
            var key = (change.RecordKind, change.EntityId);
            if (change.IsDelete)
            {
                reads.Remove(key);
                deletes.Add(key);
            }
            else if (!deletes.Contains(key))
            {
                reads.Add(key);
            }
        }

        return (reads, deletes);
    }

    private static List<long> Ids(HashSet<(CrmRecordKind Kind, long Id)> set, CrmRecordKind kind) =>
        set.Where(s => s.Kind == kind).Select(s => s.Id).Order().ToList();
}
