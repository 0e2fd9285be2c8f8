using Connector.Store;
using Dapper;

namespace Connector.Timeline;

/// <summary>The dispatcher's side: due portals, a portal's pending entries in id order, and outcomes per entry.</summary>
public sealed partial class TimelineOutboxStore
{
    private const string EntryColumns = """
        SELECT id AS Id, portal_id AS PortalId, contact_id AS ContactId, deal_id AS DealId, ledger_id AS LedgerId, kind AS Kind,
               action AS Action, name AS Name, url AS Url, occurred_at AS OccurredAt, state AS State, crm_id AS CrmId, reason AS Reason,
               attempts AS Attempts, uncertain AS Uncertain, next_attempt_at AS NextAttemptAt
        FROM timeline_outbox
        """;

    private const string DuePortals = "SELECT DISTINCT portal_id FROM timeline_outbox WHERE state = 'pending' AND next_attempt_at <= @Now";

    private const string Pending = EntryColumns + " WHERE state = 'pending' AND portal_id = @PortalId ORDER BY id LIMIT @Limit";

    private const string MarkWritten = """
        UPDATE timeline_outbox SET state = 'written', crm_id = @CrmId, reason = NULL, uncertain = 0, attempts = attempts + 1, updated_at = @Now
        WHERE id = @Id AND state = 'pending'
        """;

    private const string MarkFailed = """
        UPDATE timeline_outbox SET state = 'failed', reason = @Reason, attempts = attempts + 1, updated_at = @Now WHERE id = @Id AND state = 'pending'
        """;

    private const string MarkRetry = """
        UPDATE timeline_outbox SET reason = @Reason, attempts = attempts + 1, uncertain = MAX(uncertain, @Uncertain),
               next_attempt_at = @NextAttemptAt, updated_at = @Now
        WHERE id = @Id AND state = 'pending'
        """;

    private const string ClearUncertain = "UPDATE timeline_outbox SET uncertain = 0, updated_at = @Now WHERE id = @Id AND state = 'pending'";

    public async Task<IReadOnlyList<long>> DuePortalsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(DuePortals, new { Now = UtcText.From(now) }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<TimelineEntry>> PendingAsync(long portalId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TimelineEntryRow>(new CommandDefinition(Pending, new { PortalId = portalId, Limit = limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToEntry()).ToList();
    }

    /// <summary>Records a call's outcomes in one transaction; an entry is touched only while it is pending.</summary>
    public async Task ApplyAsync(IReadOnlyList<TimelineOutboxChange> changes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        using var gate = connections.WriteGate.Enter(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var nowText = UtcText.From(now);
        foreach (var change in changes)
        {
            var (sql, parameters) = change switch
            {
                { State: TimelineNames.Written } => (MarkWritten, (object)new { change.Id, change.CrmId, Now = nowText }),
                { State: TimelineNames.Failed } => (MarkFailed, new { change.Id, change.Reason, Now = nowText }),
                { NextAttemptAt: { } next } => (MarkRetry, new { change.Id, change.Reason, Uncertain = change.Uncertain ? 1 : 0, NextAttemptAt = UtcText.From(next), Now = nowText }),
                _ => (ClearUncertain, new { change.Id, Now = nowText }),
            };
            await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, long>> CountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string State, long Count)>(new CommandDefinition(
            "SELECT state, COUNT(*) FROM timeline_outbox GROUP BY state", cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.State, r => r.Count, StringComparer.Ordinal);
    }
}
