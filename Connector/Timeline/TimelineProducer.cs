using Connector.Feed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Timeline;

/// <summary>
/// Turns results into outbox entries: follows the results feed as consumer <see cref="Consumer"/> (its cursors; each
/// page's entries and the cursor move in one transaction); the dedupe key makes a re-read harmless, and makes the first
/// human open of a message, and the first click of each of its links, the one entry. Machine hits and results without a
/// portal, a message or a contact make no entry.
/// </summary>
public sealed class TimelineProducer(
    TimelineOutboxStore store, ResultsFollower results, ICrmTimeline crm, TimeProvider time, IOptions<TimelineOptions> options, ILogger<TimelineProducer> logger)
{
    public const string Consumer = "timeline";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var triggers = new Dictionary<long, bool>();
        var added = await results.FollowAsync(Consumer, options.Value.PassSize, async (facts, ct) =>
        {
            var entries = await EntriesAsync(facts.Select(ToFact).OfType<TimelineFact>(), triggers, ct);
            var now = time.GetUtcNow();
            return (connection, transaction, token) => store.AddEntriesAsync(connection, transaction, entries, now, token);
        }, cancellationToken);
        if (added > 0)
        {
            logger.LogInformation("Timeline: {Added} outbox entries from new results", added);
        }

        return added;
    }

    /// <summary>A result as the timeline tells it; null for a machine hit or a result it cannot place on a contact.</summary>
    public static TimelineFact? ToFact(ResultFact result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var kind = result.Kind switch
        {
            ResultKind.Sent => TimelineKind.Sent,
            ResultKind.Opened => TimelineKind.Opened,
            ResultKind.Clicked => TimelineKind.Clicked,
            ResultKind.Unsubscribed => TimelineKind.Unsubscribed,
            ResultKind.BouncedHard => TimelineKind.BounceHard,
            ResultKind.BouncedSoft => TimelineKind.BounceSoft,
            ResultKind.BouncedPolicy => TimelineKind.BouncePolicy,
            ResultKind.Complained => TimelineKind.Complaint,
            _ => (TimelineKind?)null,
        };
        return result is { Machine: false, PortalId: { } portal, LedgerId: { } ledger, ContactId: { } contact and > 0 } && kind is { } k
            ? new TimelineFact(portal, contact, result.DealId, ledger, k, result.SendKeyName ?? string.Empty, result.Url, result.At)
            : null;
    }

    private async Task<List<TimelineOutboxInsert>> EntriesAsync(IEnumerable<TimelineFact> facts, Dictionary<long, bool> triggers, CancellationToken cancellationToken)
    {
        var entries = new List<TimelineOutboxInsert>();
        foreach (var fact in facts)
        {
            if (!triggers.TryGetValue(fact.PortalId, out var supported))
            {
                supported = (await crm.PortalAsync(fact.PortalId, cancellationToken)).SupportsTriggers;
                triggers[fact.PortalId] = supported;
            }

            entries.AddRange(TimelineFanOut.Entries(fact, supported));
        }

        return entries;
    }
}
