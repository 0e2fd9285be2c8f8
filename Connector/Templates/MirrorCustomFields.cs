using Connector.Store;
using Dapper;

namespace Connector.Templates;

/// <summary>
/// Which custom-field codes the mirror knows, for contacts and for deals: the keys of the latest rows of each portal
/// (a portal sends every user field with every record, empty or not). Empty sets when nothing was mirrored yet.
/// Read-only over Sync's tables; meant for saving templates, not for sending.
/// </summary>
public sealed class MirrorCustomFields(SqliteConnectionFactory connections)
{
    private const string ContactKeys = """
        SELECT DISTINCT j.key FROM (
            SELECT custom_fields, ROW_NUMBER() OVER (PARTITION BY portal_id ORDER BY synced_at DESC) AS n
            FROM contacts WHERE custom_fields IS NOT NULL AND deleted = 0) c, json_each(c.custom_fields) j
        WHERE c.n <= 20
        """;

    private const string DealKeys = """
        SELECT DISTINCT j.key FROM (
            SELECT custom_fields, ROW_NUMBER() OVER (PARTITION BY portal_id ORDER BY synced_at DESC) AS n
            FROM deals WHERE custom_fields IS NOT NULL AND deleted = 0) d, json_each(d.custom_fields) j
        WHERE d.n <= 20
        """;

    public async Task<(IReadOnlySet<string> Contact, IReadOnlySet<string> Deal)> KnownAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var contact = await connection.QueryAsync<string>(new CommandDefinition(ContactKeys, cancellationToken: cancellationToken));
        var deal = await connection.QueryAsync<string>(new CommandDefinition(DealKeys, cancellationToken: cancellationToken));
        return (contact.ToHashSet(StringComparer.Ordinal), deal.ToHashSet(StringComparer.Ordinal));
    }
}
