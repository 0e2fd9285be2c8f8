using System.Data;
using Connector.Store;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Connector.Webhooks;

/// <summary>
/// The only writer of the webhook tables (0015): subscribers, deliveries with the producer's cursors (one transaction
/// per page, the cursor moved by compare-and-set), and the dispatcher's attempts and outcomes.
/// </summary>
public sealed partial class WebhookStore(SqliteConnectionFactory connections)
{
    private const string InsertDelivery = """
        INSERT INTO webhook_deliveries (subscriber_id, event_id, type, body, state, attempts, next_attempt_at, created_at, updated_at)
        VALUES (@SubscriberId, @EventId, @Type, @Body, 'pending', 0, @Now, @Now, @Now)
        ON CONFLICT(subscriber_id, event_id) DO NOTHING
        """;

    private const string ReadCursor = "SELECT position FROM webhook_cursors WHERE source = @Source";

    private const string MoveCursor = """
        INSERT INTO webhook_cursors (source, position, updated_at) VALUES (@Source, @Position, @Now)
        ON CONFLICT(source) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
        WHERE webhook_cursors.position = @Expected
        """;

    public async Task<long> CursorAsync(string source, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(ReadCursor, new { Source = source }, cancellationToken: cancellationToken)) ?? 0;
    }

    /// <summary>
    /// Adds one delivery per (subscriber, event) (existing ones ignored) and moves the cursor from <paramref name="expected"/>
    /// to <paramref name="position"/> in one transaction; false (nothing written) when another producer moved it first.
    /// </summary>
    public async Task<(bool Moved, int Added)> CommitAsync(
        string source, long expected, long position, IReadOnlyList<(long SubscriberId, WebhookEvent Event)> deliveries, DateTimeOffset now,
        Func<SqliteConnection, IDbTransaction, Task>? extra, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var gate = connections.WriteGate.Enter(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        var nowText = UtcText.From(now);
        var moved = position == expected || await connection.ExecuteAsync(new CommandDefinition(
            MoveCursor, new { Source = source, Position = position, Expected = expected, Now = nowText }, transaction, cancellationToken: cancellationToken)) == 1;
        if (!moved)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (false, 0);
        }

        var added = 0;
        foreach (var (subscriberId, e) in deliveries)
        {
            added += await connection.ExecuteAsync(new CommandDefinition(
                InsertDelivery, new { SubscriberId = subscriberId, EventId = e.Id, e.Type, e.Body, Now = nowText }, transaction, cancellationToken: cancellationToken));
        }

        if (extra is not null)
        {
            await extra(connection, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        return (true, added);
    }
}
