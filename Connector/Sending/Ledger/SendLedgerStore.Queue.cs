using System.Data.Common;
using Connector.Sending.Composing;
using Connector.Store;
using Dapper;

namespace Connector.Sending.Ledger;

/// <summary>One ledger row enqueued inside a caller's transaction (the send queue writes its send key and stored letter in the same one).</summary>
public sealed partial class SendLedgerStore
{
    // A row with a stored letter (serve's runner sends it): stored_letter = 1 (0022), in the same statement as the row.
    private const string EnqueueStored = """
        INSERT INTO send_ledger (send_key, recipient, contact_id, state, due_at, expires_at, next_attempt_at, kind, created_at, updated_at, stored_letter)
        VALUES (@SendKey, @Recipient, @ContactId, 'queued', @DueAt, @ExpiresAt, @DueAt, @Kind, @Now, @Now, 1)
        ON CONFLICT (send_key, recipient) DO NOTHING
        """;

    private const string RowOf = "SELECT id FROM send_ledger WHERE send_key = @SendKey AND recipient = @Recipient";

    /// <summary>
    /// Enqueues (send key, recipient) in <paramref name="transaction"/> unless it exists, marked as carrying a stored
    /// letter (the caller writes it in the same transaction when the row is new); the row's id and whether it is new.
    /// The caller holds the store's write gate and commits.
    /// </summary>
    internal async Task<(long Id, bool Created)> EnqueueInAsync(
        DbConnection connection, DbTransaction transaction, string sendKey, MailKind kind, string recipient, long contactId, DateTimeOffset dueAt, TimeSpan? ttl,
        CancellationToken cancellationToken)
    {
        var now = UtcText.From(time.GetUtcNow());
        var inserted = await connection.ExecuteAsync(new CommandDefinition(EnqueueStored, new
        {
            SendKey = sendKey, Recipient = recipient, ContactId = contactId, DueAt = UtcText.From(dueAt),
            ExpiresAt = ttl is { } t ? UtcText.From(dueAt + t) : null, Kind = kind.ToString(), Now = now,
        }, transaction, cancellationToken: cancellationToken));
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(RowOf, new { SendKey = sendKey, Recipient = recipient }, transaction, cancellationToken: cancellationToken));
        return (id, inserted == 1);
    }
}
