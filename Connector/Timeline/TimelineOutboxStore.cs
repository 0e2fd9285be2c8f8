using System.Data;
using Connector.Store;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Connector.Timeline;

/// <summary>
/// The only writer of the timeline tables (0012): outbox entries with their cursors (one transaction per producer
/// step, the cursor advanced by compare-and-set), the dispatcher's outcomes, and the opt-out bookkeeping.
/// </summary>
public sealed partial class TimelineOutboxStore(SqliteConnectionFactory connections)
{
    private const string InsertEntry = """
        INSERT INTO timeline_outbox (dedupe_key, portal_id, contact_id, deal_id, ledger_id, kind, action, name, url, occurred_at,
                                     state, attempts, uncertain, next_attempt_at, created_at, updated_at)
        VALUES (@DedupeKey, @PortalId, @ContactId, @DealId, @LedgerId, @Kind, @Action, @Name, @Url, @OccurredAt,
                'pending', 0, 0, @Now, @Now, @Now)
        ON CONFLICT(dedupe_key) DO NOTHING
        """;

    private const string ReadCursor = "SELECT position FROM timeline_cursors WHERE source = @Source";

    private const string MoveCursor = """
        INSERT INTO timeline_cursors (source, position, updated_at) VALUES (@Source, @Position, @Now)
        ON CONFLICT(source) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
        WHERE timeline_cursors.position = @Expected
        """;

    public async Task<long> CursorAsync(string source, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(ReadCursor, new { Source = source }, cancellationToken: cancellationToken)) ?? 0;
    }

    /// <summary>
    /// Adds <paramref name="entries"/> (duplicates of existing ones ignored) and moves the cursor from
    /// <paramref name="expected"/> to <paramref name="position"/> in one transaction; false (nothing written) when another
    /// producer moved it first. <paramref name="extra"/> runs in the same transaction (the ledger's watch list).
    /// </summary>
    public async Task<(bool Moved, int Added)> CommitAsync(
        string source, long expected, long position, IReadOnlyList<TimelineOutboxInsert> entries, DateTimeOffset now,
        Func<SqliteConnection, IDbTransaction, Task>? extra, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var gate = connections.WriteGate.Enter(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        var nowText = UtcText.From(now);
        // The upsert's WHERE is the compare-and-set (the first run inserts the row).
        var moved = position == expected || await connection.ExecuteAsync(new CommandDefinition(
            MoveCursor, new { Source = source, Position = position, Expected = expected, Now = nowText }, transaction, cancellationToken: cancellationToken)) == 1;
        if (!moved)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (false, 0);
        }

        var added = 0;
        foreach (var entry in entries)
        {
            added += await connection.ExecuteAsync(new CommandDefinition(InsertEntry, entry.ToParameters(nowText), transaction, cancellationToken: cancellationToken));
        }

        if (extra is not null)
        {
            await extra(connection, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        return (true, added);
    }
}
