using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Webhooks;

/// <summary>
/// Turns results into deliveries, the way the timeline producer does: engagement_hits and bounce_events by id, the
/// ledger by id plus a watch list of rows seen before their outcome. Each page's deliveries (one per active subscriber
/// of the event's portal that wants its type) and the cursor move in one transaction; (subscriber, event id) is unique,
/// so a re-read is harmless. A subscriber added later receives events from then on.
/// </summary>
public sealed class WebhookProducer(WebhookStore store, TimeProvider time, IOptions<WebhooksOptions> options, ILogger<WebhookProducer> logger)
{
    public const string HitsSource = "engagement_hits";
    public const string BouncesSource = "bounce_events";
    public const string LedgerSource = "send_ledger";

    private const int MaxPagesPerRun = 100;

    private static readonly HashSet<string> Unsettled = new(StringComparer.Ordinal) { "queued", "sending", "deferred" };

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var subscribers = await store.ActiveSubscribersAsync(cancellationToken);
        var added = await FollowLedgerAsync(subscribers, cancellationToken);
        added += await FollowAsync(HitsSource, store.HitsAfterAsync, WebhookPayload.FromHit, subscribers, cancellationToken);
        added += await FollowAsync(BouncesSource, store.BouncesAfterAsync, WebhookPayload.FromBounce, subscribers, cancellationToken);
        if (added > 0)
        {
            logger.LogInformation("Webhooks: {Added} deliveries from new results", added);
        }

        return added;
    }

    private async Task<int> FollowAsync(
        string source, Func<long, int, CancellationToken, Task<IReadOnlyList<WebhookSourceRow>>> read, Func<WebhookSourceRow, WebhookEvent?> toEvent,
        IReadOnlyList<WebhookSubscriber> subscribers, CancellationToken cancellationToken)
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

            var (moved, count) = await store.CommitAsync(source, cursor, rows[^1].Id, Deliveries(rows.Select(toEvent), subscribers), time.GetUtcNow(), null, cancellationToken);
            added += count;
            if (!moved || rows.Count < options.Value.PassSize)
            {
                break;
            }
        }

        return added;
    }

    private async Task<int> FollowLedgerAsync(IReadOnlyList<WebhookSubscriber> subscribers, CancellationToken cancellationToken)
    {
        var added = 0;
        for (var page = 0; page < MaxPagesPerRun; page++)
        {
            var cursor = await store.CursorAsync(LedgerSource, cancellationToken);
            var watched = page == 0 ? await store.LedgerWatchedAsync(options.Value.PassSize, cancellationToken) : [];
            var fresh = await store.LedgerAfterAsync(cursor, options.Value.PassSize, cancellationToken);
            if (watched.Count == 0 && fresh.Count == 0)
            {
                break;
            }

            var settled = watched.Where(r => !Unsettled.Contains(r.Kind)).Select(r => r.Id).ToList();
            var watch = fresh.Where(r => Unsettled.Contains(r.Kind) && r.PortalId is not null).Select(r => r.Id).ToList();
            var events = watched.Concat(fresh).Where(r => !Unsettled.Contains(r.Kind)).Select(WebhookPayload.FromLedger);
            var position = fresh.Count == 0 ? cursor : fresh[^1].Id;
            var (moved, count) = await store.CommitAsync(LedgerSource, cursor, position, Deliveries(events, subscribers), time.GetUtcNow(), async (connection, transaction) =>
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM webhook_ledger_watch WHERE ledger_id IN @Ids", new { Ids = settled }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO webhook_ledger_watch (ledger_id) VALUES (@Id) ON CONFLICT(ledger_id) DO NOTHING", watch.Select(id => new { Id = id }),
                    transaction, cancellationToken: cancellationToken));
            }, cancellationToken);
            added += count;
            if (!moved || fresh.Count < options.Value.PassSize)
            {
                break;
            }
        }

        return added;
    }

    private static List<(long, WebhookEvent)> Deliveries(IEnumerable<WebhookEvent?> events, IReadOnlyList<WebhookSubscriber> subscribers) =>
        [.. from e in events.OfType<WebhookEvent>()
            from s in subscribers
            where s.PortalId == e.PortalId && s.Wants(e.Type)
            select (s.Id, e)];
}
