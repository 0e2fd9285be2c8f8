using System.Data;
using Connector.Store;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Connector.Webhooks;

/// <summary>
/// The only writer of the webhook tables (0015): subscribers, deliveries (added in the transaction that moves the
/// producer's results cursor), and the dispatcher's attempts and outcomes.
/// </summary>
public sealed partial class WebhookStore(SqliteConnectionFactory connections)
{
    private const string InsertDelivery = """
        INSERT INTO webhook_deliveries (subscriber_id, event_id, type, body, state, attempts, next_attempt_at, created_at, updated_at)
        VALUES (@SubscriberId, @EventId, @Type, @Body, 'pending', 0, @Now, @Now, @Now)
        ON CONFLICT(subscriber_id, event_id) DO NOTHING
        """;

    /// <summary>One delivery per (subscriber, event) in the caller's transaction (existing ones ignored); the number added.</summary>
    public async Task<int> AddDeliveriesAsync(
        SqliteConnection connection, IDbTransaction transaction, IReadOnlyList<(long SubscriberId, WebhookEvent Event)> deliveries, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(deliveries);
        var nowText = UtcText.From(now);
        var added = 0;
        foreach (var (subscriberId, e) in deliveries)
        {
            added += await connection.ExecuteAsync(new CommandDefinition(
                InsertDelivery, new { SubscriberId = subscriberId, EventId = e.Id, e.Type, e.Body, Now = nowText }, transaction, cancellationToken: cancellationToken));
        }

        return added;
    }
}
