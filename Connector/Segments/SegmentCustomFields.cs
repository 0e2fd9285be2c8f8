using Connector.Store;
using Dapper;

namespace Connector.Segments;

/// <summary>
/// The custom-field codes one portal's mirror holds, for contacts and for deals (the keys of its 20 latest synced rows
/// of each: a portal sends every user field with every record), for the page's field list. Read-only over Sync's tables.
/// </summary>
public sealed class SegmentCustomFields(SqliteConnectionFactory connections)
{
    private const string ContactKeys = """
        SELECT DISTINCT j.key FROM (SELECT custom_fields FROM contacts WHERE portal_id = @Portal AND custom_fields IS NOT NULL AND json_valid(custom_fields) AND deleted = 0
                                    ORDER BY synced_at DESC LIMIT 20) r, json_each(r.custom_fields) j
        WHERE j.key GLOB '[A-Za-z_]*' AND j.key NOT GLOB '*[^A-Za-z0-9_]*'
        ORDER BY j.key
        """;

    private const string DealKeys = """
        SELECT DISTINCT j.key FROM (SELECT custom_fields FROM deals WHERE portal_id = @Portal AND custom_fields IS NOT NULL AND json_valid(custom_fields) AND deleted = 0
                                    ORDER BY synced_at DESC LIMIT 20) r, json_each(r.custom_fields) j
        WHERE j.key GLOB '[A-Za-z_]*' AND j.key NOT GLOB '*[^A-Za-z0-9_]*'
        ORDER BY j.key
        """;

    public async Task<(IReadOnlyList<string> Contact, IReadOnlyList<string> Deal)> CodesAsync(long portalId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var contact = await connection.QueryAsync<string>(new CommandDefinition(ContactKeys, new { Portal = portalId }, cancellationToken: cancellationToken));
        var deal = await connection.QueryAsync<string>(new CommandDefinition(DealKeys, new { Portal = portalId }, cancellationToken: cancellationToken));
        return (contact.ToList(), deal.ToList());
    }

    /// <summary>The names the portal gave its custom fields in <paramref name="lang"/> (or another language it named them in).</summary>
    public Task<IReadOnlyDictionary<(string Owner, string Code), string>> LabelsAsync(long portalId, string? lang, CancellationToken cancellationToken) =>
        Sync.FieldLabels.ReadAsync(connections, portalId, lang, cancellationToken);
}
