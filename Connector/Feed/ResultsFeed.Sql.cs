namespace Connector.Feed;

/// <summary>
/// The feed's statements: each fact table by id after a cursor (its primary key's range), joined with the message
/// (send_ledger's key) and its send key (send_keys' key); a follower's watched ledger rows by its watch list's key.
/// </summary>
public sealed partial class ResultsFeed
{
    public const string HitsAfter = """
        SELECT h.id AS Id, h.ledger_id AS LedgerId, l.send_key AS SendKey, l.recipient AS Recipient, h.contact_id AS ContactId, h.kind AS Kind,
               h.url AS Url, h.at AS At, h.machine AS Machine, k.portal_id AS PortalId, k.name AS Name, k.deal_id AS DealId
        FROM engagement_hits h
        LEFT JOIN send_ledger l ON l.id = h.ledger_id
        LEFT JOIN send_keys k ON k.send_key = l.send_key
        WHERE h.id > @After ORDER BY h.id LIMIT @Limit
        """;

    public const string BouncesAfter = """
        SELECT b.id AS Id, b.ledger_id AS LedgerId, l.send_key AS SendKey, b.recipient AS Recipient, l.contact_id AS ContactId, b.kind AS Kind,
               b.status AS Status, b.at AS At, k.portal_id AS PortalId, k.name AS Name, k.deal_id AS DealId
        FROM bounce_events b
        LEFT JOIN send_ledger l ON l.id = b.ledger_id
        LEFT JOIN send_keys k ON k.send_key = l.send_key
        WHERE b.id > @After ORDER BY b.id LIMIT @Limit
        """;

    public const string LedgerAfter = LedgerColumns + """

        FROM send_ledger l LEFT JOIN send_keys k ON k.send_key = l.send_key
        WHERE l.id > @After ORDER BY l.id LIMIT @Limit
        """;

    public const string LedgerWatched = LedgerColumns + """

        FROM results_ledger_watch w JOIN send_ledger l ON l.id = w.ledger_id LEFT JOIN send_keys k ON k.send_key = l.send_key
        WHERE w.consumer = @Consumer ORDER BY w.ledger_id LIMIT @Limit
        """;

    private const string LedgerColumns = """
        SELECT l.id AS Id, l.id AS LedgerId, l.send_key AS SendKey, l.recipient AS Recipient, l.contact_id AS ContactId, l.state AS Kind,
               l.updated_at AS At, l.reply_code AS ReplyCode, k.portal_id AS PortalId, k.name AS Name, k.deal_id AS DealId
        """;
}
