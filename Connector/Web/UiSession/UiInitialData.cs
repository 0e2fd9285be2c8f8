using System.Text.Json.Nodes;
using Connector.Store;
using Dapper;

namespace Connector.Web.UiSession;

/// <summary>
/// The first data a page gets inside its HTML, so a tab paints without waiting for a round trip: for a tab, its record
/// (one indexed read of the local mirror, never a REST call). Null for the app page.
/// </summary>
public sealed class UiInitialData(SqliteConnectionFactory connections)
{
    private const string Deal = "SELECT title FROM deals WHERE portal_id = @PortalId AND crm_id = @Id AND deleted = 0";
    private const string Contact = "SELECT trim(coalesce(name, '') || ' ' || coalesce(last_name, '')) FROM contacts WHERE portal_id = @PortalId AND crm_id = @Id AND deleted = 0";

    public async Task<JsonObject?> ForAsync(UiCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller is not { IsTab: true, EntityId: { } id })
        {
            return null;
        }

        var sql = caller.Placement == UiPlacement.DealTab ? Deal : Contact;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var title = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(sql, new { caller.PortalId, Id = id }, cancellationToken: cancellationToken));
        return new JsonObject
        {
            ["record"] = new JsonObject
            {
                ["type"] = caller.Placement == UiPlacement.DealTab ? "deal" : "contact",
                ["id"] = id,
                ["title"] = title,
                ["synced"] = title is not null,
            },
        };
    }
}
