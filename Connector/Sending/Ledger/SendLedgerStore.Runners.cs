using Connector.Store;
using Dapper;

namespace Connector.Sending.Ledger;

/// <summary>
/// Runner leases. A runner renews its lease while it runs and drops it when it stops; rows held by a runner without a
/// live lease are taken over: reserved rows go back to the queue (they never reached SMTP), <c>sending</c> rows are
/// marked <c>unknown</c> and never resent (at most once; transactional rows are retried when so configured). A lease
/// names its host and process: a lease of this host whose process is gone ends at once, not when it expires.
/// </summary>
public sealed partial class SendLedgerStore
{
    public const string AbandonedDetail = "interrupted while sending; outcome unknown, not retried (at most once)";

    public const string AbandonedRetriedDetail = "interrupted while sending; outcome unknown, retried (transactional mail, at least once)";

    private const string Renew = """
        INSERT INTO send_runners (runner_id, started_at, heartbeat_at, expires_at, host, pid) VALUES (@Runner, @Now, @Now, @ExpiresAt, @Host, @Pid)
        ON CONFLICT (runner_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at
        """;

    // A 'sending' row always has its owner (MarkSending checks it; 0013 settled older rows), so ix_send_ledger_owner finds them.
    internal const string AbandonDead = """
        UPDATE send_ledger
        SET state = CASE WHEN @RetryTransactional AND kind = 'Transactional' AND attempts < @MaxAttempts THEN 'deferred' ELSE 'unknown' END,
            detail = CASE WHEN @RetryTransactional AND kind = 'Transactional' AND attempts < @MaxAttempts THEN @RetriedDetail ELSE @Detail END,
            owner = NULL, updated_at = @Now
        WHERE owner IS NOT NULL AND state = 'sending' AND owner NOT IN (SELECT runner_id FROM send_runners WHERE expires_at > @Now)
        """;

    private const string LiveLeasesOfHost = """
        SELECT runner_id AS RunnerId, pid AS Pid FROM send_runners
        WHERE host = @Host AND pid IS NOT NULL AND pid <> @Pid AND runner_id <> @Runner AND expires_at > @Now
        """;

    private const string EndLease = "UPDATE send_runners SET expires_at = @Now WHERE runner_id = @Runner";

    internal const string Backlog = """
        SELECT COUNT(*) AS Remaining,
               COALESCE(SUM(CASE WHEN l.owner IS NOT NULL AND l.owner <> @Runner THEN 1 ELSE 0 END), 0) AS Held,
               MAX(CASE WHEN l.owner IS NOT NULL AND l.owner <> @Runner THEN r.expires_at END) AS HeldUntil,
               MIN(CASE WHEN l.owner IS NULL THEN l.next_attempt_at END) AS NextDue
        FROM send_ledger l LEFT JOIN send_runners r ON r.runner_id = l.owner
        WHERE (@SendKey IS NULL OR l.send_key = @SendKey) AND (l.state IN ('queued', 'deferred') OR (l.state = 'sending' AND l.owner <> @Runner))
        """;

    internal const string ReleaseDead = """
        UPDATE send_ledger SET owner = NULL, sender_domain = NULL
        WHERE owner IS NOT NULL AND state IN ('queued', 'deferred') AND owner NOT IN (SELECT runner_id FROM send_runners WHERE expires_at > @Now)
        """;

    private const string ForgetDead = "DELETE FROM send_runners WHERE expires_at <= @Now";

    internal const string ReleaseMine = """
        UPDATE send_ledger SET owner = NULL, sender_domain = NULL WHERE owner = @Runner AND state IN ('queued', 'deferred')
        """;

    private const string DropLease = "DELETE FROM send_runners WHERE runner_id = @Runner";

    /// <summary>Extends the runner's lease (heartbeat); creates it on first use, naming this host and process.</summary>
    public async Task RenewLeaseAsync(string runnerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var now = time.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(Renew, new
        {
            Runner = runnerId, Now = UtcText.From(now), ExpiresAt = UtcText.From(now + lease), Host = RunnerProcess.Host, Pid = RunnerProcess.Id,
        }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// What is left of a send key (every key when null) for other runs: rows still queued or deferred, how many of them
    /// (and of <c>sending</c> rows) other runners hold and until when their leases run, and when the next free row is due.
    /// </summary>
    public async Task<SendBacklog> BacklogAsync(string? sendKey, string runnerId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<(long Remaining, long Held, string? HeldUntil, string? NextDue)>(new CommandDefinition(
            Backlog, new { SendKey = sendKey, Runner = runnerId }, cancellationToken: cancellationToken));
        return new SendBacklog((int)row.Remaining, (int)row.Held,
            row.HeldUntil is { } until ? UtcText.Parse(until) : null, row.NextDue is { } due ? UtcText.Parse(due) : null);
    }

    /// <summary>
    /// A runner stopping (normally or by an exception): its unsent reservations go back to the queue and its lease ends.
    /// Rows it left in <c>sending</c> stay there and are failed by the next reservation of any runner.
    /// </summary>
    public async Task ReleaseRunnerAsync(string runnerId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ReleaseMine, new { Runner = runnerId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(DropLease, new { Runner = runnerId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Ends the live leases of this host whose process is gone (killed, crashed): their rows are taken over at once.</summary>
    private static async Task EndLeasesOfGoneProcessesAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, ReservePolicy policy, string now, CancellationToken cancellationToken)
    {
        if (policy.Host is null)
        {
            return;
        }

        var leases = await connection.QueryAsync<(string RunnerId, long Pid)>(new CommandDefinition(LiveLeasesOfHost, new
        {
            policy.Host, Pid = policy.ProcessId ?? -1, Runner = policy.RunnerId, Now = now,
        }, transaction, cancellationToken: cancellationToken));
        foreach (var lease in leases.Where(l => !RunnerProcess.IsAlive(l.Pid)))
        {
            await connection.ExecuteAsync(new CommandDefinition(EndLease, new { Runner = lease.RunnerId, Now = now }, transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>Takes over what dead runners hold; returns how many <c>sending</c> rows were marked unknown (or retried).</summary>
    private static async Task<int> TakeOverDeadAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string now, bool retryTransactional, CancellationToken cancellationToken)
    {
        var abandoned = await connection.ExecuteAsync(new CommandDefinition(AbandonDead, new
        {
            Now = now, Detail = AbandonedDetail, RetriedDetail = AbandonedRetriedDetail, RetryTransactional = retryTransactional, SendRunner.MaxAttempts,
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(ReleaseDead, new { Now = now }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(ForgetDead, new { Now = now }, transaction, cancellationToken: cancellationToken));
        return abandoned;
    }
}
