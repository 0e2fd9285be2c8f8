using Connector.Store;
using Dapper;

namespace Connector.Api;

/// <summary>The suppression list by pages for the API, by address (index ix_suppressions_nocase); read-only (the ledger writes it).</summary>
public sealed class ApiSuppressionPage(SqliteConnectionFactory connections)
{
    public const int MaxLimit = 500;

    // A range of the index from @After ('' for the first page: every address sorts after it).
    public const string Page = """
        SELECT address AS Address, reason AS Reason, source AS Source, created_at AS CreatedAt FROM suppressions
        WHERE address > @After COLLATE NOCASE
        ORDER BY address COLLATE NOCASE LIMIT @Limit
        """;

    public async Task<IReadOnlyList<Connector.Sending.Ledger.SuppressionRow>> ReadAsync(string? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Connector.Sending.Ledger.SuppressionRow>(new CommandDefinition(Page, new { After = after ?? "", Limit = limit }, cancellationToken: cancellationToken))).ToList();
    }
}
