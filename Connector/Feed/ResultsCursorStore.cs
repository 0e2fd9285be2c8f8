using System.Data;
using Connector.Store;
using Dapper;

namespace Connector.Feed;

/// <summary>
/// The only writer of the followers' positions (0019): a cursor per (consumer, source) and each consumer's watch list of
/// ledger rows read before their outcome. A step moves the cursor by compare-and-set in the same transaction as the
/// consumer's own writes, so a page is taken once, whole, or not at all.
/// </summary>
public sealed class ResultsCursorStore(SqliteConnectionFactory connections)
{
    private const string ReadCursor = "SELECT position FROM results_cursors WHERE consumer = @Consumer AND source = @Source";

    private const string MoveCursor = """
        INSERT INTO results_cursors (consumer, source, position, updated_at) VALUES (@Consumer, @Source, @Position, @Now)
        ON CONFLICT(consumer, source) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
        WHERE results_cursors.position = @Expected
        """;

    private const string Unwatch = "DELETE FROM results_ledger_watch WHERE consumer = @Consumer AND ledger_id = @Id";

    private const string Watch = "INSERT INTO results_ledger_watch (consumer, ledger_id) VALUES (@Consumer, @Id) ON CONFLICT(consumer, ledger_id) DO NOTHING";

    /// <summary>The table a source's rows come from; also the cursor's source name (the names 0012 and 0015 used).</summary>
    public static string SourceOf(ResultSource source) => source switch
    {
        ResultSource.Ledger => "send_ledger",
        ResultSource.Hits => "engagement_hits",
        ResultSource.Bounces => "bounce_events",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "no such source"),
    };

    public async Task<long> PositionAsync(string consumer, ResultSource source, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            ReadCursor, new { Consumer = consumer, Source = SourceOf(source) }, cancellationToken: cancellationToken)) ?? 0;
    }

    /// <summary>
    /// Moves the cursor as <paramref name="step"/> says and runs <paramref name="write"/>, in one transaction; false
    /// (nothing written) when another follower of the same consumer moved the cursor first.
    /// </summary>
    public async Task<(bool Moved, int Added)> CommitAsync(ResultsStep step, ResultsWrite write, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(write);
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var gate = connections.WriteGate.Enter(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        // The upsert's WHERE is the compare-and-set (the first step inserts the row).
        var moved = step.Position == step.Expected || await connection.ExecuteAsync(new CommandDefinition(MoveCursor, new
        {
            step.Consumer,
            Source = SourceOf(step.Source),
            step.Position,
            step.Expected,
            Now = UtcText.From(now),
        }, transaction, cancellationToken: cancellationToken)) == 1;
        if (!moved)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (false, 0);
        }

        var added = await write(connection, transaction, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            Unwatch, step.Settled.Select(id => new { step.Consumer, Id = id }), transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            Watch, step.Watch.Select(id => new { step.Consumer, Id = id }), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (true, added);
    }
}
