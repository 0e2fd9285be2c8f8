using Microsoft.Extensions.Logging;

namespace Connector.Sync;

/// <summary>Writes what a read produces into the mirror, page by page, and counts it.</summary>
public sealed class MirrorSink(IMirrorWriter writer, long portalId, long? pass, bool recordNewDeals, IProgress<SyncProgress>? progress, ILogger logger, string detectedBy = "poll") : ICrmReadSink
{
    private readonly List<string> _rejected = [];
    private readonly List<(CrmRecordKind Kind, long Id)> _rejectedIds = [];

    public long Contacts { get; private set; }

    public long Deals { get; private set; }

    public long Pipelines { get; private set; }

    public long Stages { get; private set; }

    public long Transitions { get; private set; }

    public long ExpectedContacts { get; private set; }

    public long ExpectedDeals { get; private set; }

    public DateTimeOffset? MaxContactModified { get; private set; }

    public DateTimeOffset? MaxDealModified { get; private set; }

    public long? MaxHistoryId { get; private set; }

    public long? LatestHistoryId { get; private set; }

    public bool HistoryLatestReported { get; private set; }

    public IReadOnlyList<string> Rejected => _rejected;

    /// <summary>IDs of the records read (contacts and deals), for callers that asked for specific IDs.</summary>
    public HashSet<(CrmRecordKind Kind, long Id)> Read { get; } = [];

    public IReadOnlyList<(CrmRecordKind Kind, long Id)> RejectedIds => _rejectedIds;

    public async ValueTask OnPipelinesAsync(IReadOnlyList<CrmPipeline> pipelines, IReadOnlyList<CrmStage> stages, CancellationToken cancellationToken)
    {
        await writer.UpsertPipelinesAsync(portalId, pipelines, stages, cancellationToken);
        Pipelines = pipelines.Count;
        Stages = stages.Count;
    }

    public async ValueTask OnHistoryAsync(IReadOnlyList<CrmStageHistoryEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        Transitions += await writer.ApplyHistoryAsync(portalId, entries, cancellationToken);
        MaxHistoryId = Math.Max(MaxHistoryId ?? 0, entries.Max(e => e.Id));
    }

    public ValueTask OnHistoryLatestIdAsync(long? latestId, CancellationToken cancellationToken)
    {
        LatestHistoryId = latestId;
        HistoryLatestReported = true;
        return ValueTask.CompletedTask;
    }

    public async ValueTask OnDealsAsync(IReadOnlyList<CrmDeal> deals, CancellationToken cancellationToken)
    {
        if (deals.Count == 0)
        {
            return;
        }

        Transitions += await writer.UpsertDealsAsync(portalId, deals, pass, recordNewDeals, detectedBy, cancellationToken);
        Read.UnionWith(deals.Select(d => (CrmRecordKind.Deal, d.Id)));
        Deals += deals.Count;
        MaxDealModified = Max(MaxDealModified, deals.Max(d => d.ModifiedAt));
        Report();
    }

    public async ValueTask OnContactsAsync(IReadOnlyList<CrmContact> contacts, CancellationToken cancellationToken)
    {
        if (contacts.Count == 0)
        {
            return;
        }

        var writes = contacts.Select(c => new ContactWrite(c, c.Emails.Select(EmailNormalizer.Normalize).ToList())).ToList();
        await writer.UpsertContactsAsync(portalId, writes, pass, cancellationToken);
        Read.UnionWith(contacts.Select(c => (CrmRecordKind.Contact, c.Id)));
        Contacts += contacts.Count;
        MaxContactModified = Max(MaxContactModified, contacts.Max(c => c.ModifiedAt));
        Report();
    }

    public async ValueTask OnIdsAsync(CrmRecordKind kind, IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        await writer.TouchAsync(portalId, kind, ids, pass ?? 0, cancellationToken);

    public void OnRejected(CrmRejectedRecord rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        var line = $"{rejected.Kind} {rejected.Id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(no id)"}: {rejected.Reason}";
        logger.LogWarning("Skipped a record: {Reason}", line);
        _rejected.Add(line);
        if (rejected.Id is { } id)
        {
            _rejectedIds.Add((rejected.Kind, id));
        }
    }

    public void OnTotal(CrmRecordKind kind, long total)
    {
        if (kind == CrmRecordKind.Contact)
        {
            ExpectedContacts = total;
        }
        else if (kind == CrmRecordKind.Deal)
        {
            ExpectedDeals = total;
        }

        Report();
    }

    private void Report() => progress?.Report(new SyncProgress(Contacts, ExpectedContacts, Deals, ExpectedDeals));

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : (a > b ? a : b);
}
