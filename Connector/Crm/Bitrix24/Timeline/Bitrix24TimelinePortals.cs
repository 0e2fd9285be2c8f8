using Connector.Store;
using Dapper;

namespace Connector.Crm.Bitrix24.Timeline;

/// <summary>Reads a mirrored portal's key and auth mode by its id (the portals table is the mirror's; read only).</summary>
public sealed class Bitrix24TimelinePortals(SqliteConnectionFactory connections)
{
    public async Task<(string Key, string AuthMode)?> FindAsync(long portalId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string, string)?>(new CommandDefinition(
            "SELECT portal_key, auth_mode FROM portals WHERE id = @Id", new { Id = portalId }, cancellationToken: cancellationToken));
        return row;
    }
}
