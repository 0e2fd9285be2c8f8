using Connector.Store;
using Dapper;

namespace Connector.Bounces;

/// <summary>Reads a <c>send_ledger</c> row by id (the VERP token's send id, or the DSN's Original-Envelope-Id); writes nothing.</summary>
public sealed class BounceLedger(SqliteConnectionFactory connections)
{
    private const string Row = "SELECT id AS Id, recipient AS Recipient, contact_id AS ContactId FROM send_ledger WHERE id = @Id";

    public async Task<BounceLedgerRow?> RowAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<BounceLedgerRow>(new CommandDefinition(Row, new { Id = id }, cancellationToken: cancellationToken));
    }
}
