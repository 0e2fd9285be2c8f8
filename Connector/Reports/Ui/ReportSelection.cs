namespace Connector.Reports.Ui;

/// <summary>
/// The messages (ledger rows) a report reads, as a statement yielding <c>(id, grp)</c>: the ledger id and the group it
/// counts under (a send key, a scenario, a template, an hour). Every selection is scoped to one portal by its SQL.
/// </summary>
public sealed record ReportSelection(string Sql, object Parameters)
{
    /// <summary>One campaign's messages: its send key, of the portal, of kind Campaign (UNIQUE (send_key, recipient)).</summary>
    public static ReportSelection Campaign(long portalId, string sendKey) => new("""
        SELECT l.id, k.send_key FROM send_keys k JOIN send_ledger l ON l.send_key = k.send_key
        WHERE k.send_key = @Key AND k.portal_id = @Portal AND k.kind = 'Campaign'
        """, new { Portal = portalId, Key = sendKey });

    /// <summary>The portal's campaigns whose send keys are in <paramref name="sendKeys"/>, grouped by key.</summary>
    public static ReportSelection Campaigns(long portalId, IReadOnlyList<string> sendKeys) => new("""
        SELECT l.id, k.send_key FROM send_keys k JOIN send_ledger l ON l.send_key = k.send_key
        WHERE k.send_key IN (SELECT value FROM json_each(@Keys)) AND k.portal_id = @Portal AND k.kind = 'Campaign'
        """, new { Portal = portalId, Keys = System.Text.Json.JsonSerializer.Serialize(sendKeys) });

    /// <summary>Every campaign of the portal, grouped by send key.</summary>
    public static ReportSelection AllCampaigns(long portalId) => new("""
        SELECT l.id, k.send_key FROM send_keys k JOIN send_ledger l ON l.send_key = k.send_key
        WHERE k.portal_id = @Portal AND k.kind = 'Campaign'
        """, new { Portal = portalId });

    /// <summary>What a scenario's send steps enqueued (scenario_sends of its enrollments), grouped by scenario id.</summary>
    public static ReportSelection Scenario(long portalId, long? scenarioId) => new("""
        SELECT ss.ledger_id, s.id FROM scenarios s JOIN scenario_enrollments en ON en.scenario_id = s.id
        JOIN scenario_sends ss ON ss.enrollment_id = en.id
        WHERE s.portal_id = @Portal AND (@Scenario IS NULL OR s.id = @Scenario) AND ss.ledger_id IS NOT NULL
        """, new { Portal = portalId, Scenario = scenarioId });

    /// <summary>The letters of the portal rendered from a template (queued_letters), grouped by template name.</summary>
    public static ReportSelection Template(long portalId, string? name) => new("""
        SELECT q.ledger_id, q.template_name FROM queued_letters q
        WHERE q.portal_id = @Portal AND (@Name IS NULL OR q.template_name = @Name)
        """, new { Portal = portalId, Name = name });

    /// <summary>The portal's messages settled since <paramref name="sinceUtc"/> (any kind), grouped by the UTC hour of that.</summary>
    public static ReportSelection Since(long portalId, string sinceUtc) => new("""
        SELECT l.id, substr(l.updated_at, 1, 13) FROM send_keys k JOIN send_ledger l ON l.send_key = k.send_key
        WHERE k.portal_id = @Portal AND l.updated_at >= @Since AND l.state NOT IN ('queued', 'deferred', 'sending', 'held')
        """, new { Portal = portalId, Since = sinceUtc });
}
