using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Sync;

/// <summary>
/// Keeps the local mirror equal to the CRM: full passes, incremental passes on modification time with an overlap,
/// stage history since its cursor, and ID reconciles that mark vanished records deleted (their history stays).
/// It decides WHAT to read; the <see cref="ICrmSource"/> decides how. One pass per portal at a time (lease).
/// </summary>
public sealed partial class MirrorSync(
    ICrmSourceProvider sources,
    IMirrorWriter writer,
    ISyncStateStore state,
    IOptions<SyncOptions> options,
    TimeProvider timeProvider,
    ILogger<MirrorSync> logger,
    PortalHealth? health = null)
{
    private readonly PortalHealth _health = health ?? new PortalHealth(options, timeProvider);

    /// <summary>Each portal's recent outcome, as <c>/healthz/ready</c> reports it.</summary>
    public PortalHealth Health => _health;

    /// <summary>Every portal, side by side: each has its own lease and limiter, and a failing one does not stop the others.</summary>
    public async Task<IReadOnlyList<SyncSummary>> RunAllAsync(SyncMode mode, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var all = await sources.GetAllAsync(cancellationToken);
        var runs = all.Select(source => RunIsolatedAsync(source, mode, all.Count == 1 ? progress : null, cancellationToken));
        return await Task.WhenAll(runs);
    }

    /// <summary>One portal by its key; a failed summary when it is not (or no longer) an active portal.</summary>
    public async Task<SyncSummary> RunAsync(string portalKey, SyncMode mode, CancellationToken cancellationToken) =>
        await sources.GetAsync(portalKey, cancellationToken) is { } source
            ? await RunIsolatedAsync(source, mode, null, cancellationToken)
            : new SyncSummary { Kind = Kind(mode), Succeeded = false, Error = $"portal {portalKey} is not active" };

    private async Task<SyncSummary> RunIsolatedAsync(ICrmSource source, SyncMode mode, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(source, mode, progress, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (_health.Failed(source.PortalKey, ex.Message) is { } line)
            {
                logger.LogError(ex, "{Report}", line);
            }

            return new SyncSummary { Kind = Kind(mode), Succeeded = false, Error = $"{source.PortalKey}: {ex.Message}" };
        }
    }

    public async Task<SyncSummary> RunAsync(ICrmSource source, SyncMode mode, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var span = Operations.Telemetry.ConnectorTelemetry.SyncPass(source.PortalKey, mode.ToString());
        var clock = Stopwatch.StartNew();
        var portalId = await writer.EnsurePortalAsync(source.PortalKey, source.PortalDomain, source.AuthMode, cancellationToken);
        var holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        if (!await AcquireLeaseAsync(portalId, holder, mode, cancellationToken))
        {
            logger.LogInformation("Sync of {Portal} skipped: another sync of it is running", source.PortalKey);
            return new SyncSummary { Kind = Kind(mode), Succeeded = false, Error = $"another sync of portal {source.PortalKey} is running", Portal = source.PortalKey };
        }

        var succeeded = false;
        try
        {
            var baseline = await state.GetCursorAsync(portalId, SyncCursorNames.Baseline, cancellationToken);
            var effective = baseline is null ? SyncMode.Full : mode;
            var runId = await state.StartRunAsync(portalId, Kind(effective), cancellationToken);
            var summary = await RunPassAsync(source, effective, portalId, runId, baseline is not null, progress, cancellationToken);
            summary = summary with { Seconds = clock.Elapsed.TotalSeconds };
            await state.FinishRunAsync(runId, summary, cancellationToken);
            if (!summary.Succeeded)
            {
                // A failing portal reports with backoff (PortalHealth), not once a pass.
                if (_health.Failed(source.PortalKey, summary.Error) is { } failed)
                {
                    logger.LogWarning("{Report}", failed);
                }

                return summary;
            }

            if (_health.Succeeded(source.PortalKey) is { } recovered)
            {
                logger.LogWarning("{Report}", recovered);
            }

            logger.LogInformation(
                "{Kind} sync of {Portal}: {Contacts} contacts, {Deals} deals, {Transitions} transitions, {Deleted} deleted, {Skipped} skipped, {Requests} requests ({Ratio:F2}× minimum), {Seconds:F1} s{Error}",
                summary.Kind, source.PortalKey, summary.Contacts, summary.Deals, summary.Transitions, summary.DeletedContacts + summary.DeletedDeals,
                summary.Skipped, summary.Requests, summary.RequestRatio, summary.Seconds, summary.Error is null ? "" : " — " + summary.Error);
            succeeded = true;
            return summary;
        }
        finally
        {
            await state.ReleaseLeaseAsync(portalId, holder, CancellationToken.None);

            // A portal is recorded only once it answered: a first pass against a wrong or unreachable webhook leaves no row.
            if (!succeeded)
            {
                await writer.ForgetUnansweredPortalAsync(portalId, CancellationToken.None);
            }
        }
    }

    private async Task<SyncSummary> RunPassAsync(ICrmSource source, SyncMode mode, long portalId, long pass, bool baselineDone, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        // Absence proves deletion only as of the moment the read began: a record read on page 1 and deleted while
        // later pages were read is still "seen". So the reconcile point (and the baseline) is the read's start.
        var passStart = timeProvider.GetUtcNow();
        var sink = new MirrorSink(writer, portalId, pass, baselineDone, progress, logger);
        var historyCursor = await GetLongAsync(portalId, SyncCursorNames.HistoryLastId, cancellationToken);
        var full = mode == SyncMode.Full;
        var plan = new CrmReadPlan
        {
            Pipelines = true,
            KnownPipelineIds = await writer.PipelineIdsAsync(portalId, cancellationToken),
            Contacts = new CrmStreamRequest(full ? null : await SinceAsync(portalId, SyncCursorNames.ContactsModified, cancellationToken)),
            Deals = new CrmStreamRequest(full ? null : await SinceAsync(portalId, SyncCursorNames.DealsModified, cancellationToken)),
            HistoryAfterId = historyCursor,
            HistoryLatestIdOnly = historyCursor is null,
            CountRows = full,
            PlanInfo = full,
        };
        var read = await source.ReadAsync(plan, sink, cancellationToken);
        await TouchRejectedAsync(portalId, pass, sink, cancellationToken);
        await SaveCursorsAsync(portalId, sink, read, cancellationToken);

        long deletedContacts = 0, deletedDeals = 0;
        var reconcile = read;
        if (full)
        {
            (deletedContacts, deletedDeals) = await MarkDeletedAsync(portalId, pass, read.Completed, passStart, cancellationToken);
        }
        else if (read.Failure is null && await ReconcileDueAsync(portalId, cancellationToken))
        {
            var reconcileStart = timeProvider.GetUtcNow();
            reconcile = await source.ReadAsync(new CrmReadPlan { Contacts = new(IdsOnly: true), Deals = new(IdsOnly: true) }, sink, cancellationToken);
            (deletedContacts, deletedDeals) = await MarkDeletedAsync(portalId, pass, reconcile.Completed, reconcileStart, cancellationToken);
        }

        var succeeded = read.Failure is null && reconcile.Failure is null;
        if (full && succeeded)
        {
            // Best effort: a portal that cannot say keeps the zone it had (scenarios fall back to Scenarios:DefaultTimeZone).
            if (await source.TimeZoneAsync(cancellationToken) is { } zone)
            {
                await writer.SetPortalTimeZoneAsync(portalId, zone, cancellationToken);
            }

            // Best effort too: a webhook without the user scope leaves the card tabs showing the responsible user's id.
            if (await source.UsersAsync(cancellationToken) is { } users)
            {
                await writer.UpsertUsersAsync(portalId, users, cancellationToken);
            }

            // And so is a field's name: without it the editors show the field's code.
            if (await source.FieldLabelsAsync(cancellationToken) is { } labels)
            {
                await writer.ReplaceFieldLabelsAsync(portalId, labels, cancellationToken);
            }

            await state.SetCursorAsync(portalId, SyncCursorNames.Baseline, Text(passStart), cancellationToken);
        }

        var both = ReferenceEquals(read, reconcile) ? [read] : new[] { read, reconcile };
        return new SyncSummary
        {
            Kind = Kind(mode),
            Portal = source.PortalKey,
            Succeeded = succeeded,
            Contacts = sink.Contacts,
            Deals = sink.Deals,
            Pipelines = sink.Pipelines,
            Stages = sink.Stages,
            Transitions = sink.Transitions,
            DeletedContacts = deletedContacts,
            DeletedDeals = deletedDeals,
            Skipped = sink.Rejected.Count,
            SkippedReasons = sink.Rejected.Take(20).ToList(),
            Requests = both.Sum(r => r.Requests),
            MinimumRequests = both.Sum(r => r.MinimumRequests),
            Calls = both.Sum(r => r.Calls),
            RateLimited = both.Sum(r => r.RateLimited),
            Error = read.Failure ?? reconcile.Failure,
        };
    }

    /// <summary>
    /// An incremental pass skips a busy portal (the next one is a minute away); a full pass was asked for on purpose
    /// (install, nightly, restart) and waits for the running pass to end, up to <see cref="SyncOptions.LeaseWait"/>.
    /// </summary>
    private async Task<bool> AcquireLeaseAsync(long portalId, string holder, SyncMode mode, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        while (!await state.TryAcquireLeaseAsync(portalId, holder, options.Value.LeaseDuration, cancellationToken))
        {
            if (mode != SyncMode.Full || timeProvider.GetElapsedTime(started) >= options.Value.LeaseWait)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), timeProvider, cancellationToken);
        }

        return true;
    }

    private static string Kind(SyncMode mode) => mode == SyncMode.Full ? "full" : "incremental";

    private static string Text(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}
