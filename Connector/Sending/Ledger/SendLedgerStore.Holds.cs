using System.Text.Json;
using Connector.Store;
using Dapper;

namespace Connector.Sending.Ledger;

/// <summary>
/// A scheduled campaign's pause, resume and cancel (0022): its unsent rows — queued or deferred and held by no runner —
/// become <see cref="LedgerState.Held"/> (in no due index, so no runner takes them), go back to queued at a given time,
/// or are settled as <see cref="LedgerState.Cancelled"/>, never sent. A row a runner has reserved or is sending goes its
/// way (at most once); a later call settles it if it is still unsent.
/// </summary>
public sealed partial class SendLedgerStore
{
    internal const string Hold = """
        UPDATE send_ledger SET state = 'held', updated_at = @Now
        WHERE send_key = @SendKey AND state IN ('queued', 'deferred') AND owner IS NULL
        """;

    internal const string Release = """
        UPDATE send_ledger SET state = CASE WHEN attempts > 0 THEN 'deferred' ELSE 'queued' END, next_attempt_at = j.value ->> '$.at', updated_at = @Now
        FROM json_each(@Rows) j
        WHERE send_ledger.id = j.value ->> '$.id' AND send_ledger.state = 'held'
        """;

    internal const string HeldRows = "SELECT id AS Id, contact_id AS ContactId, due_at AS DueAt FROM send_ledger WHERE send_key = @SendKey AND state = 'held'";

    internal const string Cancel = """
        UPDATE send_ledger SET state = 'cancelled', detail = @Detail, updated_at = @Now
        WHERE send_key = @SendKey AND state IN ('queued', 'deferred', 'held') AND owner IS NULL
        """;

    /// <summary>Holds the send key's unsent rows; how many.</summary>
    public Task<int> HoldAsync(string sendKey, CancellationToken cancellationToken) => WriteAsync(Hold, new { SendKey = sendKey, Now = UtcText.From(time.GetUtcNow()) }, cancellationToken);

    /// <summary>The send key's held rows: id, contact, first due time.</summary>
    public async Task<IReadOnlyList<(long Id, long ContactId, string DueAt)>> HeldAsync(string sendKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<(long, long, string)>(new CommandDefinition(HeldRows, new { SendKey = sendKey }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Puts held rows back in the queue, each due at its time; how many.</summary>
    public Task<int> ReleaseAsync(IReadOnlyList<(long Id, DateTimeOffset At)> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Count == 0 ? Task.FromResult(0) : WriteAsync(Release, new
        {
            Rows = JsonSerializer.Serialize(rows.Select(r => new { id = r.Id, at = UtcText.From(r.At) })), Now = UtcText.From(time.GetUtcNow()),
        }, cancellationToken);
    }

    /// <summary>Settles the send key's unsent rows as cancelled (never sent); how many.</summary>
    public Task<int> CancelAsync(string sendKey, string detail, CancellationToken cancellationToken) =>
        WriteAsync(Cancel, new { SendKey = sendKey, Detail = detail, Now = UtcText.From(time.GetUtcNow()) }, cancellationToken);

    private async Task<int> WriteAsync(string sql, object arguments, CancellationToken cancellationToken)
    {
        using var writing = connections.WriteGate.Enter(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, arguments, cancellationToken: cancellationToken));
    }
}
