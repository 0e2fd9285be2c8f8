using Connector.Feed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Webhooks;

/// <summary>
/// Turns results into deliveries: follows the results feed as consumer <see cref="Consumer"/> (its own cursors, as the
/// timeline producer has its own). Each page's deliveries (one per active subscriber of the event's portal that wants
/// its type) and the cursor move in one transaction; (subscriber, event id) is unique, so a re-read is harmless. A
/// subscriber added later receives events from then on.
/// </summary>
public sealed class WebhookProducer(WebhookStore store, ResultsFollower results, TimeProvider time, IOptions<WebhooksOptions> options, ILogger<WebhookProducer> logger)
{
    public const string Consumer = "webhooks";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var subscribers = await store.ActiveSubscribersAsync(cancellationToken);
        var added = await results.FollowAsync(Consumer, options.Value.PassSize, (facts, _) =>
        {
            var deliveries = Deliveries(facts.Select(WebhookPayload.From), subscribers);
            var now = time.GetUtcNow();
            return Task.FromResult<ResultsWrite>((connection, transaction, token) => store.AddDeliveriesAsync(connection, transaction, deliveries, now, token));
        }, cancellationToken);
        if (added > 0)
        {
            logger.LogInformation("Webhooks: {Added} deliveries from new results", added);
        }

        return added;
    }

    private static List<(long, WebhookEvent)> Deliveries(IEnumerable<WebhookEvent?> events, IReadOnlyList<WebhookSubscriber> subscribers) =>
        [.. from e in events.OfType<WebhookEvent>()
            from s in subscribers
            where s.PortalId == e.PortalId && s.Wants(e.Type)
            select (s.Id, e)];
}
