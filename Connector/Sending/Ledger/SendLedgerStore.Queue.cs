using System.Data.Common;
using Connector.Sending.Composing;
using Connector.Store;
using Dapper;

namespace Connector.Sending.Ledger;

/// <summary>One ledger row enqueued inside a caller's transaction (the send queue writes its send key and stored letter in the same one).</summary>
public sealed partial class SendLedgerStore
{
    private const string RowOf = "SELECT id FROM send_ledger WHERE send_key = @SendKey AND recipient = @Recipient";

    /// <summary>
    /// Enqueues (send key, recipient) in <paramref name="transaction"/> unless it exists; the row's id and whether it
    /// is new. The caller holds the store's write gate and commits.
    /// </summary>
    internal async Task<(long Id, bool Created)> EnqueueInAsync(
        DbConnection connection, DbTransaction transaction, string sendKey, MailKind kind, string recipient, long contactId, DateTimeOffset dueAt, TimeSpan? ttl,
        CancellationToken cancellationToken)
    {
        var now = UtcText.From(time.GetUtcNow());
        var inserted = await connection.ExecuteAsync(new CommandDefinition(Enqueue, new
        {
            SendKey = sendKey, Recipient = recipient, ContactId = contactId, DueAt = UtcText.From(dueAt),
            ExpiresAt = ttl is { } t ? UtcText.From(dueAt + t) : null, Kind = kind.ToString(), Now = now,
        }, transaction, cancellationToken: cancellationToken));
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(RowOf, new { SendKey = sendKey, Recipient = recipient }, transaction, cancellationToken: cancellationToken));
        return (id, inserted == 1);
    }
}
