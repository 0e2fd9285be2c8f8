using Dapper;

namespace Connector.Webhooks;

/// <summary>Reads of the fact tables (0008's contract: follow by id) and of the ledger, each joined with its message and send key.</summary>
public sealed partial class WebhookStore
{
    private const string Hits = """
        SELECT h.id AS Id, h.ledger_id AS LedgerId, l.send_key AS SendKey, l.recipient AS Recipient, h.contact_id AS ContactId, h.kind AS Kind,
               h.url AS Url, h.at AS At, h.machine AS Machine, k.portal_id AS PortalId, k.deal_id AS DealId
        FROM engagement_hits h
        LEFT JOIN send_ledger l ON l.id = h.ledger_id
        LEFT JOIN send_keys k ON k.send_key = l.send_key
        WHERE h.id > @After ORDER BY h.id LIMIT @Limit
        """;

    private const string Bounces = """
        SELECT b.id AS Id, b.ledger_id AS LedgerId, l.send_key AS SendKey, b.recipient AS Recipient, l.contact_id AS ContactId, b.kind AS Kind,
               b.status AS Status, b.at AS At, k.portal_id AS PortalId, k.deal_id AS DealId
        FROM bounce_events b
        LEFT JOIN send_ledger l ON l.id = b.ledger_id
        LEFT JOIN send_keys k ON k.send_key = l.send_key
        WHERE b.id > @After ORDER BY b.id LIMIT @Limit
        """;

    private const string LedgerColumns = """
        SELECT l.id AS Id, l.id AS LedgerId, l.send_key AS SendKey, l.recipient AS Recipient, l.contact_id AS ContactId, l.state AS Kind,
               l.updated_at AS At, l.reply_code AS ReplyCode, k.portal_id AS PortalId, k.deal_id AS DealId
        """;

    private const string LedgerNew = LedgerColumns + """

        FROM send_ledger l LEFT JOIN send_keys k ON k.send_key = l.send_key
        WHERE l.id > @After ORDER BY l.id LIMIT @Limit
        """;

    private const string LedgerWatched = LedgerColumns + """

        FROM webhook_ledger_watch w JOIN send_ledger l ON l.id = w.ledger_id LEFT JOIN send_keys k ON k.send_key = l.send_key
        ORDER BY w.ledger_id LIMIT @Limit
        """;

    public Task<IReadOnlyList<WebhookSourceRow>> HitsAfterAsync(long after, int limit, CancellationToken cancellationToken) =>
        ReadAsync(Hits, new { After = after, Limit = limit }, cancellationToken);

    public Task<IReadOnlyList<WebhookSourceRow>> BouncesAfterAsync(long after, int limit, CancellationToken cancellationToken) =>
        ReadAsync(Bounces, new { After = after, Limit = limit }, cancellationToken);

    public Task<IReadOnlyList<WebhookSourceRow>> LedgerAfterAsync(long after, int limit, CancellationToken cancellationToken) =>
        ReadAsync(LedgerNew, new { After = after, Limit = limit }, cancellationToken);

    public Task<IReadOnlyList<WebhookSourceRow>> LedgerWatchedAsync(int limit, CancellationToken cancellationToken) =>
        ReadAsync(LedgerWatched, new { Limit = limit }, cancellationToken);

    private async Task<IReadOnlyList<WebhookSourceRow>> ReadAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<WebhookSourceRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
    }
}
