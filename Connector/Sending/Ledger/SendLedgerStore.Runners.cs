using Connector.Store;
using Dapper;

namespace Connector.Sending.Ledger;

/// <summary>
/// Runner leases. A runner renews its lease while it runs and drops it when it stops; rows held by a runner without a
/// live lease are taken over: reserved rows go back to the queue (they never reached SMTP), <c>sending</c> rows are
/// failed as "outcome unknown" and never resent (at most once).
/// </summary>
public sealed partial class SendLedgerStore
{
    public const string AbandonedDetail = "interrupted while sending; outcome unknown, not retried (at most once)";

    private const string Renew = """
        INSERT INTO send_runners (runner_id, started_at, heartbeat_at, expires_at) VALUES (@Runner, @Now, @Now, @ExpiresAt)
        ON CONFLICT (runner_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at
        """;

    private const string AbandonDead = """
        UPDATE send_ledger SET state = 'failed', owner = NULL, detail = @Detail, updated_at = @Now
        WHERE state = 'sending' AND (owner IS NULL OR owner NOT IN (SELECT runner_id FROM send_runners WHERE expires_at > @Now))
        """;

    private const string ReleaseDead = """
        UPDATE send_ledger SET owner = NULL, sender_domain = NULL
        WHERE owner IS NOT NULL AND state IN ('queued', 'deferred') AND owner NOT IN (SELECT runner_id FROM send_runners WHERE expires_at > @Now)
        """;

    private const string ForgetDead = "DELETE FROM send_runners WHERE expires_at <= @Now";

    private const string ReleaseMine = """
        UPDATE send_ledger SET owner = NULL, sender_domain = NULL WHERE owner = @Runner AND state IN ('queued', 'deferred')
        """;

    private const string DropLease = "DELETE FROM send_runners WHERE runner_id = @Runner";

    /// <summary>Extends the runner's lease (heartbeat); creates it on first use.</summary>
    public async Task RenewLeaseAsync(string runnerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var now = time.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(Renew, new { Runner = runnerId, Now = UtcText.From(now), ExpiresAt = UtcText.From(now + lease) }, cancellationToken: cancellationToken));
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

    /// <summary>Takes over what dead runners hold; returns how many <c>sending</c> rows were failed.</summary>
    private static async Task<int> TakeOverDeadAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string now, CancellationToken cancellationToken)
    {
        var abandoned = await connection.ExecuteAsync(new CommandDefinition(AbandonDead, new { Now = now, Detail = AbandonedDetail }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(ReleaseDead, new { Now = now }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(ForgetDead, new { Now = now }, transaction, cancellationToken: cancellationToken));
        return abandoned;
    }
}
