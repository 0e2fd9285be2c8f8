using Connector.Store;
using Dapper;

namespace Connector.Api;

/// <summary>
/// The suppression list by pages for the API, by address (index ix_suppressions_nocase); read-only (the ledger writes it).
/// The list is one for every portal (a complaint or a hard bounce protects the sending domain whoever sent), but a key
/// sees only its portal's part: addresses among its mirrored contacts' e-mails (as mirrored) and those its portal's keys
/// added (or its admins on the Settings page) — another tenant's unsubscribers are not this one's to read or lift.
/// </summary>
public sealed class ApiSuppressionPage(SqliteConnectionFactory connections)
{
    public const int MaxLimit = 500;

    // A range of the index from @After ('' for the first page: every address sorts after it).
    public const string Page = $"""
        SELECT s.address AS Address, s.reason AS Reason, s.source AS Source, s.created_at AS CreatedAt FROM suppressions s
        WHERE s.address > @After COLLATE NOCASE AND {Visible}
        ORDER BY s.address COLLATE NOCASE LIMIT @Limit
        """;

    // The portal's part of the list: an e-mail of its mirror (ix_contact_emails_address), added by one of its keys, or
    // added by one of its admins on the Settings page (source 'ui:PORTAL:USER…').
    public const string Visible = """
        (EXISTS (SELECT 1 FROM contact_emails e WHERE e.portal_id = @Portal AND e.address = s.address)
         OR EXISTS (SELECT 1 FROM api_keys k WHERE k.portal_id = @Portal AND s.source = 'api:' || k.id)
         OR s.source LIKE 'ui:' || @Portal || ':%')
        """;

    public const string One = $"SELECT count(*) FROM suppressions s WHERE s.address = @Address COLLATE NOCASE AND {Visible}";

    public async Task<IReadOnlyList<Connector.Sending.Ledger.SuppressionRow>> ReadAsync(long portalId, string? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Connector.Sending.Ledger.SuppressionRow>(new CommandDefinition(
            Page, new { Portal = portalId, After = after ?? "", Limit = limit }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Whether the address is on the list and this portal's to see.</summary>
    public async Task<bool> VisibleAsync(long portalId, string address, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(One, new { Portal = portalId, Address = address }, cancellationToken: cancellationToken)) > 0;
    }
}
