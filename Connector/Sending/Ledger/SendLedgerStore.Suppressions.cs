using Connector.Store;
using Dapper;

namespace Connector.Sending.Ledger;

/// <summary>The suppression list: addresses never mailed again (checked when rows are reserved), matched whatever the case.</summary>
public sealed partial class SendLedgerStore
{
    // Case-insensitive everywhere (index ix_suppressions_nocase): one entry per address whatever its case.
    private const string Suppressed = "SELECT reason FROM suppressions WHERE address = @Address COLLATE NOCASE LIMIT 1";

    private const string Suppress = """
        INSERT INTO suppressions (address, reason, source, created_at)
        SELECT @Address, @Reason, @Source, @Now WHERE NOT EXISTS (SELECT 1 FROM suppressions WHERE address = @Address COLLATE NOCASE)
        """;

    private const string ListSuppressions = """
        SELECT address AS Address, reason AS Reason, source AS Source, created_at AS CreatedAt FROM suppressions ORDER BY created_at, address
        """;

    // Only a manual entry can be lifted: an unsubscribe, a complaint or a hard bounce is the recipient's (or the server's) word.
    private const string Unsuppress = "DELETE FROM suppressions WHERE address = @Address COLLATE NOCASE AND reason = 'manual'";

    // The CRM as the authority on opt-outs (Suppression:CrmMayResubscribe): an unsubscribe goes, a bounce or complaint never.
    private const string Resubscribe = "DELETE FROM suppressions WHERE address = @Address COLLATE NOCASE AND reason = 'unsubscribed'";

    public async Task<string?> SuppressionAsync(string address, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(Suppressed, new { Address = address }, cancellationToken: cancellationToken));
    }

    /// <summary>Adds an address (reason <c>unsubscribed</c>, <c>hard_bounce</c>, <c>soft_bounces</c>, <c>complaint</c> or <c>manual</c>); false when it was already listed.</summary>
    public async Task<bool> SuppressAsync(string address, string reason, string? source, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Suppress, new { Address = address, Reason = reason, Source = source, Now = UtcText.From(time.GetUtcNow()) }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// Adds many addresses with one reason in one transaction (an import), each with its own source; for each, in order,
    /// whether it was added (false: already listed, whatever its case).
    /// </summary>
    public async Task<IReadOnlyList<bool>> SuppressManyAsync(IReadOnlyList<(string Address, string? Source)> entries, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var added = new List<bool>(entries.Count);
        if (entries.Count == 0)
        {
            return added;
        }

        var now = UtcText.From(time.GetUtcNow());
        using var writing = connections.WriteGate.Enter(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (address, source) in entries)
        {
            added.Add(await connection.ExecuteAsync(new CommandDefinition(
                Suppress, new { Address = address, Reason = reason, Source = source, Now = now }, transaction, cancellationToken: cancellationToken)) == 1);
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>The entry for an address (whatever its case), with reason and since when; null when it is not suppressed.</summary>
    public async Task<SuppressionRow?> SuppressionEntryAsync(string address, CancellationToken cancellationToken)
    {
        const string Entry = """
            SELECT address AS Address, reason AS Reason, source AS Source, created_at AS CreatedAt FROM suppressions
            WHERE address = @Address COLLATE NOCASE ORDER BY created_at LIMIT 1
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SuppressionRow>(new CommandDefinition(Entry, new { Address = address }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<SuppressionRow>> SuppressionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<SuppressionRow>(new CommandDefinition(ListSuppressions, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Lifts a manual entry; false when there was none (other reasons are never lifted here).</summary>
    public async Task<bool> UnsuppressAsync(string address, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Unsuppress, new { Address = address }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// Lifts an <c>unsubscribed</c> entry, whatever made it (the recipient's link, the CRM's field): for a CRM user
    /// clearing the opt-out field when <c>Suppression:CrmMayResubscribe=true</c>. Bounces, complaints and manual
    /// entries stay. False when there was no such entry.
    /// </summary>
    public async Task<bool> ResubscribeAsync(string address, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Resubscribe, new { Address = address }, cancellationToken: cancellationToken)) == 1;
    }
}
