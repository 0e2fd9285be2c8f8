using Connector.Sending.Composing;
using Connector.Store;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Connector.Sending.Ledger;

/// <summary>
/// The only writer of <c>send_ledger</c>, <c>send_runners</c> and <c>suppressions</c>. Enqueue is idempotent per (send
/// key, recipient). A runner reserves due rows for itself in one transaction (<see cref="ReserveAsync"/>), and a row is
/// handed to SMTP only after <see cref="MarkSendingAsync"/> moved it to <c>sending</c> and committed, so no crash and no
/// second runner can send it twice.
/// </summary>
public sealed partial class SendLedgerStore(SqliteConnectionFactory connections, TimeProvider time)
{
    private const string Enqueue = """
        INSERT INTO send_ledger (send_key, recipient, recipient_name, contact_id, state, due_at, expires_at, next_attempt_at, kind, created_at, updated_at)
        VALUES (@SendKey, @Recipient, @Name, @ContactId, 'queued', @DueAt, @ExpiresAt, @DueAt, @Kind, @Now, @Now)
        ON CONFLICT (send_key, recipient) DO NOTHING
        """;

    // The owner check: a runner whose lease lapsed and whose reservations were taken over must not send them. The first
    // attempt's Message-ID stays the row's for every later attempt.
    internal const string MarkSending = """
        UPDATE send_ledger SET state = 'sending', attempts = attempts + 1, message_id = COALESCE(message_id, @MessageId), updated_at = @Now
        WHERE id = @Id AND owner = @Runner AND state IN ('queued', 'deferred')
        """;

    /// <summary>How the detail of a row put back because the relay was unreachable begins (the dashboard warns of such rows).</summary>
    public const string RelayUnreachable = "relay unreachable";

    // A row that never reached SMTP (relay unreachable): back to the queue, no attempt spent.
    internal const string PutBack = """
        UPDATE send_ledger SET owner = NULL, sender_domain = NULL, next_attempt_at = @NextAttemptAt, detail = @Detail, updated_at = @Now
        WHERE id = @Id AND owner = @Runner AND state IN ('queued', 'deferred')
        """;

    // No owner check: if another runner already failed this row as "outcome unknown", the 250 we got is the better truth.
    internal const string Finish = """
        UPDATE send_ledger SET state = @State, owner = NULL, next_attempt_at = COALESCE(@NextAttemptAt, next_attempt_at),
               message_id = COALESCE(@MessageId, message_id), reply_code = @ReplyCode, detail = @Detail, updated_at = @Now
        WHERE id = @Id
        """;

    private const string All = """
        SELECT id AS Id, send_key AS SendKey, recipient AS Recipient, contact_id AS ContactId, state AS State, due_at AS DueAt,
               expires_at AS ExpiresAt, attempts AS Attempts, detail AS Detail, kind AS Kind, owner AS Owner, sender_domain AS SenderDomain,
               message_id AS MessageId
        FROM send_ledger WHERE send_key = @SendKey ORDER BY id
        """;

    public Task<int> EnqueueAsync(string sendKey, IEnumerable<(string Recipient, long ContactId)> recipients, DateTimeOffset dueAt, TimeSpan? ttl, CancellationToken cancellationToken) =>
        EnqueueAsync(sendKey, MailKind.Campaign, recipients, dueAt, ttl, cancellationToken);

    /// <summary>Queues a key for each recipient; transactional keys are exempt from the frequency cap.</summary>
    public Task<int> EnqueueAsync(
        string sendKey, MailKind kind, IEnumerable<(string Recipient, long ContactId)> recipients, DateTimeOffset dueAt, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        return EnqueueNamedAsync(sendKey, kind, recipients.Select(r => (r.Recipient, r.ContactId, (string?)null)), dueAt, ttl, cancellationToken);
    }

    /// <summary>
    /// Queues a key for each recipient with the name a recipients file gave it (<see cref="LedgerRow.RecipientName"/>), in
    /// one transaction; the recipients are enumerated once, as they are written. A recipient already queued under the key
    /// keeps its row (and name). Returns how many rows were added.
    /// </summary>
    public async Task<int> EnqueueNamedAsync(
        string sendKey, MailKind kind, IEnumerable<(string Recipient, long ContactId, string? Name)> recipients, DateTimeOffset dueAt, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = UtcText.From(time.GetUtcNow());
        var rows = recipients.Select(r => new
        {
            SendKey = sendKey,
            Recipient = r.Recipient,
            r.Name,
            r.ContactId,
            DueAt = UtcText.From(dueAt),
            ExpiresAt = ttl is { } t ? UtcText.From(dueAt + t) : null,
            Kind = kind.ToString(),
            Now = now,
        });
        var inserted = await connection.ExecuteAsync(new CommandDefinition(Enqueue, rows, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    public Task<bool> MarkSendingAsync(long id, string runnerId, CancellationToken cancellationToken) => MarkSendingAsync(id, runnerId, null, cancellationToken);

    /// <summary>
    /// The last write before SMTP, once the message holds a connection and its rate slot: false when the row is no longer
    /// this runner's (its lease lapsed and was taken over). <paramref name="messageId"/> is kept unless the row has one.
    /// </summary>
    public async Task<bool> MarkSendingAsync(long id, string runnerId, string? messageId, CancellationToken cancellationToken)
    {
        using var writing = connections.WriteGate.Enter(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(MarkSending, new { Id = id, Runner = runnerId, MessageId = messageId, Now = UtcText.From(time.GetUtcNow()) }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>A reserved row that never reached SMTP goes back to the queue, due again at <paramref name="nextAttemptAt"/>; no attempt is spent.</summary>
    public async Task PutBackAsync(long id, string runnerId, DateTimeOffset nextAttemptAt, string detail, CancellationToken cancellationToken)
    {
        using var writing = connections.WriteGate.Enter(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(PutBack, new
        {
            Id = id, Runner = runnerId, NextAttemptAt = UtcText.From(nextAttemptAt), Detail = detail, Now = UtcText.From(time.GetUtcNow()),
        }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// A runner's own connection for its hot writes (<see cref="LedgerWriter"/>), holding at most <paramref name="maxPending"/>
    /// outcomes for a group commit; dispose it when the run ends.
    /// </summary>
    public async Task<LedgerWriter> OpenWriterAsync(int maxPending, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken);
        SqliteConnection? checkpointer = null;
        try
        {
            checkpointer = await connections.OpenAsync(cancellationToken);
            return new LedgerWriter(connection, checkpointer, connections.WriteGate, time, MarkSending, Finish, maxPending);
        }
        catch
        {
            await connection.DisposeAsync();
            if (checkpointer is not null)
            {
                await checkpointer.DisposeAsync();
            }

            throw;
        }
    }

    public async Task<IReadOnlyList<LedgerRow>> RowsAsync(string sendKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<LedgerRow>(new CommandDefinition(All, new { SendKey = sendKey }, cancellationToken: cancellationToken))).ToList();
    }
}
