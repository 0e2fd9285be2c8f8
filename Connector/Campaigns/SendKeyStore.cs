using Connector.Store;
using Dapper;

namespace Connector.Campaigns;

/// <summary>
/// The one writer of <c>send_keys</c> for campaigns (migration 0008): what a send key is — its portal (null for a
/// recipients file), name, kind and deal — written when its rows are enqueued. The first write of a key wins; a later
/// run with the same key changes nothing and gets the stored row back to compare.
/// </summary>
public sealed class SendKeyStore(SqliteConnectionFactory connections)
{
    private const string Insert = """
        INSERT INTO send_keys (send_key, portal_id, name, kind, deal_id, created_at)
        VALUES (@SendKey, @PortalId, @Name, @Kind, @DealId, @Now)
        ON CONFLICT (send_key) DO NOTHING
        """;

    private const string Select = """
        SELECT send_key AS SendKey, portal_id AS PortalId, name AS Name, kind AS Kind, deal_id AS DealId, created_at AS CreatedAt
        FROM send_keys WHERE send_key = @SendKey
        """;

    /// <summary>Records the key unless it exists; returns the stored row (the first one written).</summary>
    public async Task<SendKeyRow> RecordAsync(SendKeyRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        await using var connection = await connections.OpenAsync(cancellationToken);
        using (connections.WriteGate.Enter(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(Insert, new { row.SendKey, row.PortalId, row.Name, row.Kind, row.DealId, Now = row.CreatedAt }, cancellationToken: cancellationToken));
        }

        return await connection.QuerySingleAsync<SendKeyRow>(new CommandDefinition(Select, new { row.SendKey }, cancellationToken: cancellationToken));
    }

    public async Task<SendKeyRow?> FindAsync(string sendKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SendKeyRow>(new CommandDefinition(Select, new { SendKey = sendKey }, cancellationToken: cancellationToken));
    }
}
