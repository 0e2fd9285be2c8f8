using Connector.Reports;

namespace Connector.Web.Tabs;

/// <summary>
/// The tab's statements, each scoped to the caller's portal and each starting from an index: the record by its primary
/// key, a contact's messages by <c>ix_send_ledger_contact</c>, a deal's send keys by <c>ix_send_keys_deal</c>,
/// engagement and bounces by ledger id, enrollments by <c>ix_scenario_enrollments_deal</c>/<c>_contact</c> (0027).
/// </summary>
public sealed partial class TabQueries
{
    public const int MaxMessages = 200;
    public const int MaxEnrollments = 100;

    public const string Deal = """
        SELECT d.crm_id AS Id, d.title AS Title, s.name AS StageName, s.semantic AS StageSemantic, s.color AS StageColor, p.name AS PipelineName,
               d.amount AS Amount, d.currency AS Currency, d.assigned_by_id AS ResponsibleId,
               NULLIF(trim(coalesce(u.name, '') || ' ' || coalesce(u.last_name, '')), '') AS ResponsibleName
        FROM deals d
        LEFT JOIN stages s ON s.portal_id = d.portal_id AND s.stage_id = d.stage_id
        LEFT JOIN pipelines p ON p.portal_id = d.portal_id AND p.crm_id = d.pipeline_id
        LEFT JOIN users u ON u.portal_id = d.portal_id AND u.crm_id = d.assigned_by_id
        WHERE d.portal_id = @Portal AND d.crm_id = @Id AND d.deleted = 0
        """;

    public const string Contact = """
        SELECT c.crm_id AS Id, NULLIF(trim(coalesce(c.name, '') || ' ' || coalesce(c.last_name, '')), '') AS Title, c.assigned_by_id AS ResponsibleId,
               NULLIF(trim(coalesce(u.name, '') || ' ' || coalesce(u.last_name, '')), '') AS ResponsibleName
        FROM contacts c LEFT JOIN users u ON u.portal_id = c.portal_id AND u.crm_id = c.assigned_by_id
        WHERE c.portal_id = @Portal AND c.crm_id = @Id AND c.deleted = 0
        """;

    public const string DealContacts = """
        SELECT c.crm_id AS Id, NULLIF(trim(coalesce(c.name, '') || ' ' || coalesce(c.last_name, '')), '') AS Name
        FROM deal_contacts dc JOIN contacts c ON c.portal_id = dc.portal_id AND c.crm_id = dc.contact_id AND c.deleted = 0
        WHERE dc.portal_id = @Portal AND dc.deal_id = @Id
        ORDER BY dc.position, dc.contact_id
        """;

    // Suppressions are one list for every portal; the card reads only the entries of its own contacts' addresses.
    public const string Addresses = """
        SELECT e.contact_id AS ContactId, e.address AS Address, e.is_valid AS IsValid,
               s.reason AS Reason, s.source AS Source, s.created_at AS SuppressedAt
        FROM contact_emails e LEFT JOIN suppressions s ON s.address = e.address COLLATE NOCASE
        WHERE e.portal_id = @Portal AND e.contact_id IN (SELECT value FROM json_each(@Contacts))
        ORDER BY e.contact_id, e.position
        """;

    // A deal's history: the messages of its send keys and every message to its contacts; a contact's: its messages.
    // send_ledger.contact_id is a CRM id, the same number in two portals: the send key's portal decides.
    public const string Messages = $"""
        WITH ids AS (
            SELECT l.id FROM send_ledger l WHERE l.contact_id IN (SELECT value FROM json_each(@Contacts))
            UNION
            SELECT l.id FROM send_keys k JOIN send_ledger l ON l.send_key = k.send_key WHERE k.portal_id = @Portal AND k.deal_id = @Deal)
        SELECT l.id AS Id, l.send_key AS SendKey, k.name AS Name, k.kind AS Kind, l.recipient AS Recipient, l.contact_id AS ContactId, l.state AS State,
               l.created_at AS QueuedAt, CASE WHEN l.state = 'sent' THEN l.updated_at END AS SentAt, l.detail AS Detail,
               e.first_human_open_at AS FirstHumanOpenAt, COALESCE(e.opens, 0) AS Opens, COALESCE(e.human_opens, 0) AS HumanOpens,
               e.first_human_click_at AS FirstHumanClickAt, COALESCE(e.clicks, 0) AS Clicks, COALESCE(e.human_clicks, 0) AS HumanClicks,
               e.unsubscribed_at AS UnsubscribedAt,
               {ReportQueries.BounceOf} AS Bounce,
               {ReportQueries.ComplainedOf} AS Complained
        FROM ids JOIN send_ledger l ON l.id = ids.id JOIN send_keys k ON k.send_key = l.send_key LEFT JOIN engagement_messages e ON e.ledger_id = l.id
        WHERE k.portal_id = @Portal
        ORDER BY l.id DESC LIMIT @Limit
        """;

    // A deal's enrollments (as the subject, or mailed for it); a contact's: its own and the deal enrollments that mail it.
    public const string Enrollments = """
        SELECT e.id AS Id, e.scenario_id AS ScenarioId, s.name AS Scenario, e.version AS Version, e.subject_kind AS SubjectKind, e.state AS State,
               e.exit_reason AS ExitReason, COALESCE(d.step, e.step) AS Step, d.due_at AS DueAt, e.entered_at AS EnteredAt
        FROM scenario_enrollments e JOIN scenarios s ON s.id = e.scenario_id LEFT JOIN scenario_due d ON d.enrollment_id = e.id
        WHERE e.id IN (
            SELECT id FROM scenario_enrollments WHERE portal_id = @Portal AND deal_id = @Deal
            UNION SELECT id FROM scenario_enrollments WHERE portal_id = @Portal AND contact_id = @Contact
            UNION SELECT id FROM scenario_enrollments WHERE portal_id = @Portal AND subject_kind = @Kind AND subject_id = @Id)
        ORDER BY e.state = 'active' DESC, e.id DESC LIMIT @Limit
        """;

    public const string Links = """
        SELECT ledger_id AS LedgerId, url AS Url, human_clicks AS HumanClicks, clicks AS Clicks, first_human_click_at AS FirstHumanClickAt
        FROM engagement_links WHERE ledger_id IN (SELECT value FROM json_each(@Ids))
        ORDER BY ledger_id, first_click_at, url
        """;
}
