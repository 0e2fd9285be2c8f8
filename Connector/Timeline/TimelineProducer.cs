using Connector.Store;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Timeline;

/// <summary>
/// Turns results into outbox entries. Follows engagement_hits and bounce_events by id, and the ledger by id plus a
/// watch list of rows seen before their outcome (outcomes are written out of id order; the ledger has no index on
/// updated_at and the sending slice keeps it lean on purpose). Each page's entries and its cursor move in one
/// transaction; the dedupe key makes a re-read harmless. Machine hits and rows without a portal make no entry.
/// </summary>
public sealed class TimelineProducer(TimelineOutboxStore store, ICrmTimeline crm, TimeProvider time, IOptions<TimelineOptions> options, ILogger<TimelineProducer> logger)
{
    public const string HitsSource = "engagement_hits";
    public const string BouncesSource = "bounce_events";
    public const string LedgerSource = "send_ledger";

    private const int MaxPagesPerRun = 100;

    private static readonly HashSet<string> Unsettled = new(StringComparer.Ordinal) { "queued", "sending", "deferred" };

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var triggers = new Dictionary<long, bool>();
        // The ledger first: a message's "sent" comes before its opens and clicks on the contact's timeline.
        var added = await FollowLedgerAsync(triggers, cancellationToken);
        added += await FollowAsync(HitsSource, store.HitsAfterAsync, FromHit, triggers, cancellationToken);
        added += await FollowAsync(BouncesSource, store.BouncesAfterAsync, FromBounce, triggers, cancellationToken);
        if (added > 0)
        {
            logger.LogInformation("Timeline: {Added} outbox entries from new results", added);
        }

        return added;
    }

    private async Task<int> FollowAsync(
        string source, Func<long, int, CancellationToken, Task<IReadOnlyList<TimelineSourceRow>>> read, Func<TimelineSourceRow, TimelineFact?> fact,
        Dictionary<long, bool> triggers, CancellationToken cancellationToken)
    {
        var added = 0;
        for (var page = 0; page < MaxPagesPerRun; page++)
        {
            var cursor = await store.CursorAsync(source, cancellationToken);
            var rows = await read(cursor, options.Value.PassSize, cancellationToken);
            if (rows.Count == 0)
            {
                break;
            }

            var entries = await EntriesAsync(rows.Select(fact), triggers, cancellationToken);
            var (moved, count) = await store.CommitAsync(source, cursor, rows[^1].Id, entries, time.GetUtcNow(), null, cancellationToken);
            added += count;
            if (!moved || rows.Count < options.Value.PassSize)
            {
                break;
            }
        }

        return added;
    }

    private async Task<int> FollowLedgerAsync(Dictionary<long, bool> triggers, CancellationToken cancellationToken)
    {
        var added = 0;
        for (var page = 0; page < MaxPagesPerRun; page++)
        {
            var (count, more) = await LedgerPageAsync(page == 0, triggers, cancellationToken);
            added += count;
            if (!more)
            {
                break;
            }
        }

        return added;
    }

    private async Task<(int Added, bool More)> LedgerPageAsync(bool withWatched, Dictionary<long, bool> triggers, CancellationToken cancellationToken)
    {
        var cursor = await store.CursorAsync(LedgerSource, cancellationToken);
        var watched = withWatched ? await store.LedgerWatchedAsync(options.Value.PassSize, cancellationToken) : [];
        var fresh = await store.LedgerAfterAsync(cursor, options.Value.PassSize, cancellationToken);
        var settled = watched.Where(r => !Unsettled.Contains(r.Kind)).ToList();
        var watch = fresh.Where(r => Unsettled.Contains(r.Kind) && r.PortalId is not null).Select(r => r.Id).ToList();
        var entries = await EntriesAsync(settled.Concat(fresh.Where(r => !Unsettled.Contains(r.Kind))).Select(FromLedger), triggers, cancellationToken);
        if (settled.Count == 0 && fresh.Count == 0)
        {
            return (0, false);
        }

        var position = fresh.Count == 0 ? cursor : fresh[^1].Id;
        var settledIds = settled.Select(r => r.Id).ToList();
        var (moved, added) = await store.CommitAsync(LedgerSource, cursor, position, entries, time.GetUtcNow(), async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM timeline_ledger_watch WHERE ledger_id IN @Ids", new { Ids = settledIds }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO timeline_ledger_watch (ledger_id) VALUES (@Id) ON CONFLICT(ledger_id) DO NOTHING", watch.Select(id => new { Id = id }), transaction, cancellationToken: cancellationToken));
        }, cancellationToken);
        return (added, moved && fresh.Count == options.Value.PassSize);
    }

    private async Task<List<TimelineOutboxInsert>> EntriesAsync(IEnumerable<TimelineFact?> facts, Dictionary<long, bool> triggers, CancellationToken cancellationToken)
    {
        var entries = new List<TimelineOutboxInsert>();
        foreach (var fact in facts.OfType<TimelineFact>())
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

    private static TimelineFact? FromHit(TimelineSourceRow row)
    {
        var kind = row.Kind switch
        {
            "open" => TimelineKind.Opened,
            "click" => TimelineKind.Clicked,
            "unsubscribe" => TimelineKind.Unsubscribed,
            _ => (TimelineKind?)null,
        };
        return row.Machine == 1 || kind is null ? null : Fact(row, kind.Value);
    }

    private static TimelineFact? FromBounce(TimelineSourceRow row)
    {
        var kind = row.Kind switch
        {
            "hard" => TimelineKind.BounceHard,
            "soft" => TimelineKind.BounceSoft,
            "policy" => TimelineKind.BouncePolicy,
            "complaint" => TimelineKind.Complaint,
            _ => (TimelineKind?)null,
        };
        return kind is null ? null : Fact(row, kind.Value);
    }

    // A 5xx at SMTP time is a hard bounce: the same entry (same dedupe key) as a DSN for that message would make.
    private static TimelineFact? FromLedger(TimelineSourceRow row) => row.Kind switch
    {
        "sent" => Fact(row, TimelineKind.Sent),
        "failed" when row.ReplyCode is >= 500 and < 600 => Fact(row, TimelineKind.BounceHard),
        _ => null,
    };

    private static TimelineFact? Fact(TimelineSourceRow row, TimelineKind kind) =>
        row is { PortalId: { } portal, LedgerId: { } ledger, ContactId: { } contact and > 0 }
            ? new TimelineFact(portal, contact, row.DealId, ledger, kind, row.Name ?? string.Empty, row.Url, UtcText.Parse(row.At))
            : null;
}
