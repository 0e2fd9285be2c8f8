using Connector.Store;
using Dapper;

namespace Connector.Sending.Ledger;

/// <summary>
/// The only writer of <c>send_ledger</c> and <c>suppressions</c>. Enqueue is idempotent per (send key, recipient); a row is
/// sent only after <see cref="TryClaimAsync"/> moved it to <c>sending</c> and committed, so no crash can send it twice.
/// </summary>
public sealed class SendLedgerStore(SqliteConnectionFactory connections, TimeProvider time)
{
    private const string Enqueue = """
        INSERT INTO send_ledger (send_key, recipient, contact_id, state, due_at, expires_at, next_attempt_at, created_at, updated_at)
        VALUES (@SendKey, @Recipient, @ContactId, 'queued', @DueAt, @ExpiresAt, @DueAt, @Now, @Now)
        ON CONFLICT (send_key, recipient) DO NOTHING
        """;

    private const string Ready = """
        SELECT id AS Id, send_key AS SendKey, recipient AS Recipient, contact_id AS ContactId, state AS State, due_at AS DueAt,
               expires_at AS ExpiresAt, attempts AS Attempts, detail AS Detail
        FROM send_ledger WHERE state IN ('queued', 'deferred') AND next_attempt_at <= @Now ORDER BY next_attempt_at, id LIMIT @Limit
        """;

    private const string Claim = """
        UPDATE send_ledger SET state = 'sending', attempts = attempts + 1, updated_at = @Now
        WHERE id = @Id AND state IN ('queued', 'deferred')
        """;

    private const string Finish = """
        UPDATE send_ledger SET state = @State, next_attempt_at = COALESCE(@NextAttemptAt, next_attempt_at), message_id = COALESCE(@MessageId, message_id),
               reply_code = @ReplyCode, detail = @Detail, updated_at = @Now
        WHERE id = @Id
        """;

    // Rows a crashed process left in 'sending' may or may not have reached the server: never resend them.
    private const string Abandon = """
        UPDATE send_ledger SET state = 'failed', detail = 'interrupted while sending; outcome unknown, not retried (at most once)', updated_at = @Now
        WHERE state = 'sending'
        """;

    private const string Release = """
        UPDATE send_ledger SET state = 'deferred', attempts = attempts - 1, next_attempt_at = @NextAttemptAt, detail = @Detail, updated_at = @Now
        WHERE id = @Id AND state = 'sending'
        """;

    private const string SentSince = """
        SELECT COUNT(*) FROM send_ledger WHERE contact_id = @ContactId AND state = 'sent' AND updated_at >= @Since
        """;

    private const string SentTotalSince = "SELECT COUNT(*) FROM send_ledger WHERE state = 'sent' AND updated_at >= @Since";

    private const string Suppressed = "SELECT reason FROM suppressions WHERE address = @Address";

    private const string Suppress = """
        INSERT INTO suppressions (address, reason, source, created_at) VALUES (@Address, @Reason, @Source, @Now)
        ON CONFLICT (address) DO NOTHING
        """;

    private const string All = """
        SELECT id AS Id, send_key AS SendKey, recipient AS Recipient, contact_id AS ContactId, state AS State, due_at AS DueAt,
               expires_at AS ExpiresAt, attempts AS Attempts, detail AS Detail
        FROM send_ledger WHERE send_key = @SendKey ORDER BY id
        """;

    public async Task<int> EnqueueAsync(string sendKey, IEnumerable<(string Recipient, long ContactId)> recipients, DateTimeOffset dueAt, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = UtcText.From(time.GetUtcNow());
        var rows = recipients.Select(r => new
        {
            SendKey = sendKey,
            Recipient = r.Recipient,
            r.ContactId,
            DueAt = UtcText.From(dueAt),
            ExpiresAt = ttl is { } t ? UtcText.From(dueAt + t) : null,
            Now = now,
        });
        var inserted = await connection.ExecuteAsync(new CommandDefinition(Enqueue, rows, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    public async Task<IReadOnlyList<LedgerRow>> ReadyAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<LedgerRow>(new CommandDefinition(Ready, new { Now = UtcText.From(time.GetUtcNow()), Limit = limit }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<bool> TryClaimAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Claim, new { Id = id, Now = UtcText.From(time.GetUtcNow()) }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task FinishAsync(long id, string state, DateTimeOffset? nextAttemptAt, string? messageId, int? replyCode, string? detail, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Finish, new
        {
            Id = id, State = state, NextAttemptAt = UtcText.From(nextAttemptAt), MessageId = messageId, ReplyCode = replyCode, Detail = detail,
            Now = UtcText.From(time.GetUtcNow()),
        }, cancellationToken: cancellationToken));
    }

    /// <summary>Puts a claimed row back without counting the attempt (frequency cap, paused domain).</summary>
    public async Task ReleaseAsync(long id, DateTimeOffset nextAttemptAt, string detail, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Release, new
        {
            Id = id, NextAttemptAt = UtcText.From(nextAttemptAt), Detail = detail, Now = UtcText.From(time.GetUtcNow()),
        }, cancellationToken: cancellationToken));
    }

    public async Task<long> SentToContactSinceAsync(long contactId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(SentSince, new { ContactId = contactId, Since = UtcText.From(since) }, cancellationToken: cancellationToken));
    }

    public async Task<long> SentSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(SentTotalSince, new { Since = UtcText.From(since) }, cancellationToken: cancellationToken));
    }

    public async Task<int> AbandonInterruptedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Abandon, new { Now = UtcText.From(time.GetUtcNow()) }, cancellationToken: cancellationToken));
    }

    public async Task<string?> SuppressionAsync(string address, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(Suppressed, new { Address = address }, cancellationToken: cancellationToken));
    }

    public async Task SuppressAsync(string address, string reason, string? source, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Suppress, new { Address = address, Reason = reason, Source = source, Now = UtcText.From(time.GetUtcNow()) }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<LedgerRow>> RowsAsync(string sendKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<LedgerRow>(new CommandDefinition(All, new { SendKey = sendKey }, cancellationToken: cancellationToken))).ToList();
    }
}
