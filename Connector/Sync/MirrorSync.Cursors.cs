using System.Globalization;

namespace Connector.Sync;

public sealed partial class MirrorSync
{
    private async Task<long?> GetLongAsync(long portalId, string name, CancellationToken cancellationToken) =>
        await state.GetCursorAsync(portalId, name, cancellationToken) is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : null;

    private async Task<DateTimeOffset?> GetInstantAsync(long portalId, string name, CancellationToken cancellationToken) =>
        await state.GetCursorAsync(portalId, name, cancellationToken) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : null;

    /// <summary>The incremental lower bound: the newest modification seen, minus the overlap window.</summary>
    private async Task<DateTimeOffset?> SinceAsync(long portalId, string name, CancellationToken cancellationToken) =>
        await GetInstantAsync(portalId, name, cancellationToken) is { } seen ? seen - options.Value.Overlap : null;

    private async Task SaveCursorsAsync(long portalId, MirrorSink sink, CrmReadResult read, CancellationToken cancellationToken)
    {
        // A modification cursor only moves when its stream was read to the end: a half-read stream is read again.
        if (read.Completed.Contains(CrmRecordKind.Contact) && sink.MaxContactModified is { } contacts)
        {
            await MoveInstantAsync(portalId, SyncCursorNames.ContactsModified, contacts, cancellationToken);
        }

        if (read.Completed.Contains(CrmRecordKind.Deal) && sink.MaxDealModified is { } deals)
        {
            await MoveInstantAsync(portalId, SyncCursorNames.DealsModified, deals, cancellationToken);
        }

        // History rows are applied in ID order, so the cursor may follow whatever was applied.
        var history = sink.HistoryLatestReported ? sink.LatestHistoryId ?? 0 : sink.MaxHistoryId;
        if (history is { } id)
        {
            await state.SetCursorAsync(portalId, SyncCursorNames.HistoryLastId, id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }
    }

    private async Task MoveInstantAsync(long portalId, string name, DateTimeOffset seen, CancellationToken cancellationToken)
    {
        var current = await GetInstantAsync(portalId, name, cancellationToken);
        if (current is null || seen > current)
        {
            await state.SetCursorAsync(portalId, name, Text(seen), cancellationToken);
        }
    }

    private async Task<bool> ReconcileDueAsync(long portalId, CancellationToken cancellationToken)
    {
        var last = await GetInstantAsync(portalId, SyncCursorNames.ReconciledAt, cancellationToken);
        return last is null || timeProvider.GetUtcNow() - last >= options.Value.ReconcileInterval;
    }

    /// <summary>
    /// Marks what the read did not see as deleted; <paramref name="readStart"/> becomes the reconcile point, so the next
    /// ID reconcile is due one interval after the read BEGAN: what was deleted while it ran is found then, not an
    /// interval after its end.
    /// </summary>
    private async Task<(long Contacts, long Deals)> MarkDeletedAsync(
        long portalId, long pass, IReadOnlySet<CrmRecordKind> completed, DateTimeOffset readStart, CancellationToken cancellationToken)
    {
        // Only a stream read to its end proves absence; a failed or partial read deletes nothing.
        long contacts = 0, deals = 0;
        if (completed.Contains(CrmRecordKind.Contact))
        {
            contacts = await writer.MarkUnseenDeletedAsync(portalId, CrmRecordKind.Contact, pass, cancellationToken);
        }

        if (completed.Contains(CrmRecordKind.Deal))
        {
            deals = await writer.MarkUnseenDeletedAsync(portalId, CrmRecordKind.Deal, pass, cancellationToken);
        }

        if (completed.Contains(CrmRecordKind.Contact) && completed.Contains(CrmRecordKind.Deal))
        {
            await state.SetCursorAsync(portalId, SyncCursorNames.ReconciledAt, Text(readStart), cancellationToken);
        }

        return (contacts, deals);
    }

    private async Task TouchRejectedAsync(long portalId, long pass, MirrorSink sink, CancellationToken cancellationToken)
    {
        // A record we could not read still exists in the CRM: keep it from being marked deleted.
        foreach (var group in sink.RejectedIds.GroupBy(r => r.Kind).Where(g => g.Key is CrmRecordKind.Contact or CrmRecordKind.Deal))
        {
            await writer.TouchAsync(portalId, group.Key, group.Select(r => r.Id).ToList(), pass, cancellationToken);
        }
    }
}
