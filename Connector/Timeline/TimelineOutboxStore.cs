using System.Data;
using Connector.Store;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Connector.Timeline;

/// <summary>
/// The only writer of the timeline tables (0012): outbox entries (added in the transaction that moves the producer's
/// results cursor), the dispatcher's outcomes, and the opt-out bookkeeping with its position in the contacts' changes.
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

    /// <summary>Adds <paramref name="entries"/> in the caller's transaction (duplicates of existing ones ignored); the number added.</summary>
    public async Task<int> AddEntriesAsync(
        SqliteConnection connection, IDbTransaction transaction, IReadOnlyList<TimelineOutboxInsert> entries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(entries);
        var nowText = UtcText.From(now);
        var added = 0;
        foreach (var entry in entries)
        {
            added += await connection.ExecuteAsync(new CommandDefinition(InsertEntry, entry.ToParameters(nowText), transaction, cancellationToken: cancellationToken));
        }

        return added;
    }
}
