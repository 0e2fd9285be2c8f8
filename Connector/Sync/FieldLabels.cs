using Connector.Store;
using Dapper;

namespace Connector.Sync;

/// <summary>
/// The names of one portal's custom fields in one language, read from what the full sync mirrored
/// (<c>custom_field_labels</c>): a language the portal never named a field in falls back to any other it did
/// (English first), so a field shows a name wherever the portal has one. Keyed by (owner, code): owner is
/// <c>contact</c> or <c>deal</c>.
/// </summary>
public static class FieldLabels
{
    private const string Query = """
        SELECT owner AS Owner, code AS Code, label AS Label FROM custom_field_labels l
        WHERE portal_id = @Portal
          AND lang = (SELECT x.lang FROM custom_field_labels x WHERE x.portal_id = l.portal_id AND x.owner = l.owner AND x.code = l.code
                      ORDER BY x.lang = @Lang DESC, x.lang = 'en' DESC, x.lang LIMIT 1)
        """;

    public static async Task<IReadOnlyDictionary<(string Owner, string Code), string>> ReadAsync(
        SqliteConnectionFactory connections, long portalId, string? lang, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connections);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Query, new { Portal = portalId, Lang = (lang ?? "en").ToLowerInvariant() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => (r.Owner, r.Code), r => r.Label);
    }

    private sealed record Row
    {
        public string Owner { get; init; } = "";

        public string Code { get; init; } = "";

        public string Label { get; init; } = "";
    }
}
