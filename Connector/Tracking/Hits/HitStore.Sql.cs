namespace Connector.Tracking.Hits;

/// <summary>The recorder's statements; the summaries are upserted in the same transaction as the hit they count.</summary>
public sealed partial class HitStore
{
    private const string SelectLedger = """
        SELECT l.contact_id, l.state, l.updated_at, l.recipient, l.send_key, COALESCE(k.name, l.send_key)
        FROM send_ledger l LEFT JOIN send_keys k ON k.send_key = l.send_key WHERE l.id = @Id
        """;

    private const string SelectLastClick = "SELECT last_click_at, last_click_url FROM engagement_messages WHERE ledger_id = @Id";

    private const string SelectScopes = "SELECT scope FROM engagement_hits WHERE ledger_id = @Id AND kind = 'unsubscribe'";

    private const string InsertHit = """
        INSERT INTO engagement_hits (ledger_id, contact_id, kind, url, at, machine, machine_reason, agent_class, detail, scope)
        VALUES (@Id, @ContactId, @Kind, @Url, @At, @Machine, @Reason, @Agent, @Detail, @Scope)
        """;

    private const string UpsertMessage = """
        INSERT INTO engagement_messages (ledger_id, contact_id, opens, human_opens, first_open_at, first_human_open_at, clicks, human_clicks,
                                         first_click_at, first_human_click_at, last_click_at, last_click_url, unsubscribed_at)
        VALUES (@Id, @ContactId, @Open, @HumanOpen, CASE WHEN @Open = 1 THEN @At END, CASE WHEN @HumanOpen = 1 THEN @At END, @Click, @HumanClick,
                CASE WHEN @Click = 1 THEN @At END, CASE WHEN @HumanClick = 1 THEN @At END, CASE WHEN @Click = 1 THEN @At END,
                CASE WHEN @Click = 1 THEN @Url END, CASE WHEN @Unsubscribe = 1 THEN @At END)
        ON CONFLICT (ledger_id) DO UPDATE SET
            opens = opens + excluded.opens, human_opens = human_opens + excluded.human_opens,
            first_open_at = COALESCE(first_open_at, excluded.first_open_at), first_human_open_at = COALESCE(first_human_open_at, excluded.first_human_open_at),
            clicks = clicks + excluded.clicks, human_clicks = human_clicks + excluded.human_clicks,
            first_click_at = COALESCE(first_click_at, excluded.first_click_at), first_human_click_at = COALESCE(first_human_click_at, excluded.first_human_click_at),
            last_click_at = COALESCE(excluded.last_click_at, last_click_at), last_click_url = COALESCE(excluded.last_click_url, last_click_url),
            unsubscribed_at = COALESCE(unsubscribed_at, excluded.unsubscribed_at)
        """;

    private const string UpsertLink = """
        INSERT INTO engagement_links (ledger_id, url, clicks, human_clicks, first_click_at, first_human_click_at)
        VALUES (@Id, @Url, 1, @Human, @At, CASE WHEN @Human = 1 THEN @At END)
        ON CONFLICT (ledger_id, url) DO UPDATE SET
            clicks = clicks + 1, human_clicks = human_clicks + excluded.human_clicks,
            first_human_click_at = COALESCE(first_human_click_at, excluded.first_human_click_at)
        """;

    private const string InsertListUnsubscribe = """
        INSERT INTO list_unsubscribes (address, list_key, ledger_id, created_at) VALUES (@Address, @ListKey, @Id, @At)
        ON CONFLICT (address, list_key) DO NOTHING
        """;
}
