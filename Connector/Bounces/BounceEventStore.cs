using Connector.Store;
using Dapper;

namespace Connector.Bounces;

/// <summary>
/// The only writer of <c>bounce_events</c> (0008: readers follow it by id) and <c>bounce_kept_messages</c> (0010). A
/// notice already recorded under the same source id and recipient is not recorded again.
/// </summary>
public sealed class BounceEventStore(SqliteConnectionFactory connections, TimeProvider time)
{
    private const string Insert = """
        INSERT OR IGNORE INTO bounce_events (ledger_id, recipient, kind, status, detail, source, source_id, at)
        VALUES (@LedgerId, @Recipient, @Kind, @Status, @Detail, @Source, @SourceId, @At)
        RETURNING id
        """;

    // "In a row": distinct messages (ledger rows) to this address that soft-bounced after its last proof of delivery —
    // a tracking hit (open, click, unsubscribe; machine hits too: a proxy fetched from a delivered message) on a message
    // to this address — and after its last hard bounce or complaint. Unmatched notices never count (they are not signed).
    private const string SoftStreak = """
        SELECT COUNT(DISTINCT b.ledger_id) FROM bounce_events b
        WHERE b.recipient = @Recipient COLLATE NOCASE AND b.kind = 'soft' AND b.ledger_id IS NOT NULL
          AND b.id > COALESCE((SELECT MAX(x.id) FROM bounce_events x WHERE x.recipient = @Recipient COLLATE NOCASE AND x.kind IN ('hard', 'complaint')), 0)
          AND b.at > COALESCE((SELECT MAX(h.at) FROM engagement_hits h JOIN send_ledger l ON l.id = h.ledger_id
                               WHERE h.contact_id = @ContactId AND l.recipient = @Recipient COLLATE NOCASE), '')
        """;

    private const string Keep = "INSERT OR IGNORE INTO bounce_kept_messages (source, mailbox_id, problem, at) VALUES (@Source, @MailboxId, @Problem, @At)";

    private const string Kept = "SELECT mailbox_id FROM bounce_kept_messages WHERE source = @Source";

    /// <summary>The new row's id; null when this source id already recorded this recipient.</summary>
    public async Task<long?> RecordAsync(BounceNotice notice, string source, string? sourceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        using var writing = connections.WriteGate.Enter(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(Insert, new
        {
            notice.LedgerId, notice.Recipient, Kind = notice.Kind.ToText(), notice.Status, notice.Detail, Source = source, SourceId = sourceId,
            At = UtcText.From(time.GetUtcNow()),
        }, cancellationToken: cancellationToken));
    }

    public async Task<int> SoftStreakAsync(string recipient, long contactId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(SoftStreak, new { Recipient = recipient, ContactId = contactId }, cancellationToken: cancellationToken));
    }

    public async Task KeepAsync(string source, string mailboxId, string problem, CancellationToken cancellationToken)
    {
        using var writing = connections.WriteGate.Enter(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Keep, new { Source = source, MailboxId = mailboxId, Problem = problem, At = UtcText.From(time.GetUtcNow()) }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlySet<string>> KeptAsync(string source, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(Kept, new { Source = source }, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
    }
}
