using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Timeline;

/// <summary>
/// Writes pending outbox entries to the CRM: per portal, in id order, up to 50 per call, one call at a time (the
/// client meters the portal). An entry the CRM refused before executing waits (backoff) and holds back the later
/// entries of its contact, so a contact's timeline stays in order. An entry whose call timed out is looked for in
/// the CRM before it is written again. A portal that cannot be written (uninstalled, re-authorisation) keeps all its
/// entries pending, attempts untouched. Never throws for CRM failures: every outcome is stored per entry.
/// </summary>
public sealed class TimelineDispatcher(TimelineOutboxStore store, ICrmTimeline crm, TimeProvider time, IOptions<TimelineOptions> options, ILogger<TimelineDispatcher> logger)
{
    public async Task<TimelinePassSummary> RunAsync(CancellationToken cancellationToken)
    {
        var total = new TimelinePassSummary(0, 0, 0, 0, 0);
        foreach (var portalId in await store.DuePortalsAsync(time.GetUtcNow(), cancellationToken))
        {
            var portal = await crm.PortalAsync(portalId, cancellationToken);
            if (!portal.Available)
            {
                logger.LogDebug("Timeline: portal {Portal} not writable now ({Reason}); its entries stay pending", portal.Key, portal.Reason);
                total = total with { PortalsSkipped = total.PortalsSkipped + 1 };
                continue;
            }

            var pass = await PortalAsync(portal, cancellationToken);
            total = new TimelinePassSummary(total.Written + pass.Written, total.Failed + pass.Failed, total.Retried + pass.Retried, total.Calls + pass.Calls, total.PortalsSkipped + pass.PortalsSkipped);
        }

        if (total.Calls > 0)
        {
            logger.LogInformation("Timeline: {Written} written, {Failed} failed, {Retried} to retry in {Calls} CRM calls", total.Written, total.Failed, total.Retried, total.Calls);
        }

        return total;
    }

    private async Task<TimelinePassSummary> PortalAsync(CrmTimelinePortal portal, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var blocked = new HashSet<long>();
        var queue = new List<TimelineEntry>();
        foreach (var entry in await store.PendingAsync(portal.PortalId, options.Value.PassSize, cancellationToken))
        {
            if (blocked.Contains(entry.ContactId))
            {
                continue;
            }

            if (entry.NextAttemptAt > now)
            {
                blocked.Add(entry.ContactId);
                continue;
            }

            queue.Add(entry);
        }

        var counts = new Counts();
        var texts = queue.ToDictionary(e => e.Id, e => Write(e, portal.Language));

        // First look for the entries whose last call may have arrived; found ones are done, missing ones are written below.
        var uncertain = queue.Where(e => e.Uncertain && IsLog(e.Action)).ToList();
        foreach (var chunk in uncertain.Chunk(ICrmTimeline.MaxWritesPerCall))
        {
            var found = await crm.FindAsync(portal, chunk.Select(e => texts[e.Id]).ToList(), cancellationToken);
            counts.Calls++;
            if (found.Any(o => o.Kind == CrmTimelineOutcomeKind.Unavailable))
            {
                return counts.Summary();
            }

            var changes = new List<TimelineOutboxChange>();
            foreach (var (entry, outcome) in chunk.Zip(found))
            {
                if (outcome.Kind == CrmTimelineOutcomeKind.Written)
                {
                    changes.Add(new TimelineOutboxChange(entry.Id, TimelineNames.Written, outcome.CrmId));
                    counts.Written++;
                    queue.Remove(entry);
                }
                else if (outcome.Kind != CrmTimelineOutcomeKind.Retry)
                {
                    changes.Add(Later(entry, outcome, uncertain: true, now));
                    counts.Retried++;
                    blocked.Add(entry.ContactId);
                }
            }

            await store.ApplyAsync(changes, time.GetUtcNow(), cancellationToken);
        }

        while (true)
        {
            var chunk = queue.Where(e => !blocked.Contains(e.ContactId)).Take(ICrmTimeline.MaxWritesPerCall).ToList();
            if (chunk.Count == 0)
            {
                break;
            }

            var outcomes = await crm.WriteAsync(portal, chunk.Select(e => texts[e.Id]).ToList(), cancellationToken);
            counts.Calls++;
            if (outcomes.Any(o => o.Kind == CrmTimelineOutcomeKind.Unavailable))
            {
                logger.LogInformation("Timeline: portal {Portal} became unavailable; {Count} entries stay pending", portal.Key, queue.Count);
                break;
            }

            var changes = new List<TimelineOutboxChange>();
            foreach (var (entry, outcome) in chunk.Zip(outcomes))
            {
                queue.Remove(entry);
                switch (outcome.Kind)
                {
                    case CrmTimelineOutcomeKind.Written:
                        changes.Add(new TimelineOutboxChange(entry.Id, TimelineNames.Written, outcome.CrmId));
                        counts.Written++;
                        break;
                    case CrmTimelineOutcomeKind.Failed:
                        changes.Add(new TimelineOutboxChange(entry.Id, TimelineNames.Failed, Reason: outcome.Reason));
                        counts.Failed++;
                        break;
                    default:
                        var later = Later(entry, outcome, outcome.Kind == CrmTimelineOutcomeKind.Uncertain, now);
                        changes.Add(later);
                        if (later.State == TimelineNames.Failed)
                        {
                            counts.Failed++;
                        }
                        else
                        {
                            counts.Retried++;
                        }

                        blocked.Add(entry.ContactId);
                        break;
                }
            }

            await store.ApplyAsync(changes, time.GetUtcNow(), cancellationToken);
        }

        return counts.Summary();
    }

    private TimelineOutboxChange Later(TimelineEntry entry, CrmTimelineOutcome outcome, bool uncertain, DateTimeOffset now)
    {
        var attempts = entry.Attempts + 1;
        if (attempts >= options.Value.MaxAttempts)
        {
            return new TimelineOutboxChange(entry.Id, TimelineNames.Failed, Reason: $"gave up after {attempts} attempts: {outcome.Reason}");
        }

        // 5 s, 10 s, 20 s … capped at one hour.
        var delay = TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, Math.Min(attempts - 1, 20))));
        return new TimelineOutboxChange(entry.Id, null, Reason: outcome.Reason, NextAttemptAt: now + delay, Uncertain: uncertain && IsLog(entry.Action));
    }

    private static bool IsLog(TimelineAction action) => action is TimelineAction.LogContact or TimelineAction.LogDeal;

    private static CrmTimelineWrite Write(TimelineEntry entry, string language)
    {
        var (title, text) = TimelineText.For(entry, language);
        return new CrmTimelineWrite(entry.Id, entry.Action, entry.Kind, entry.ContactId, entry.DealId, title, text);
    }

    private sealed class Counts
    {
        public int Written { get; set; }

        public int Failed { get; set; }

        public int Retried { get; set; }

        public int Calls { get; set; }

        public TimelinePassSummary Summary() => new(Written, Failed, Retried, Calls, 0);
    }
}
