namespace Connector.Reports.Ui;

/// <summary>
/// The pages' report statements over a <see cref="ReportSelection"/> (a CTE <c>sel(id, grp)</c>). Figures count as
/// <c>crm-esp report</c> counts them (<see cref="ReportQueries.FigureColumns"/>, <see cref="ReportQueries.BounceOf"/>);
/// engagement is read by ledger id (primary keys of engagement_messages and engagement_links, ix_engagement_hits_ledger).
/// </summary>
public sealed partial class UiReportQueries
{
    private const string Messages = $"""
        m AS MATERIALIZED (
            SELECT sel.grp AS grp, lower(substr(l.recipient, instr(l.recipient, '@') + 1)) AS domain, l.state AS state,
                   {ReportQueries.BounceOf} AS bounce,
                   {ReportQueries.ComplainedOf} AS complained,
                   e.unsubscribed_at AS unsubscribed_at, COALESCE(e.opens, 0) AS opens, COALESCE(e.human_opens, 0) AS human_opens,
                   COALESCE(e.clicks, 0) AS clicks, COALESCE(e.human_clicks, 0) AS human_clicks
            FROM sel JOIN send_ledger l ON l.id = sel.id LEFT JOIN engagement_messages e ON e.ledger_id = l.id)
        """;

    public static string FiguresBy(ReportSelection selection, string group)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return $"""
            WITH sel(id, grp) AS MATERIALIZED ({selection.Sql}),
            {Messages}
            SELECT CAST(m.{group} AS TEXT) AS "Group", {ReportQueries.FigureColumns}
            FROM m GROUP BY m.{group} ORDER BY COUNT(*) DESC, m.{group}
            """;
    }

    // Seconds from the send (the sent row's outcome time) to the first human open and the first human click.
    public static string Reactions(ReportSelection selection) => $"""
        WITH sel(id, grp) AS MATERIALIZED ({selection.Sql})
        SELECT (julianday(e.first_human_open_at) - julianday(l.updated_at)) * 86400.0 AS OpenSeconds,
               (julianday(e.first_human_click_at) - julianday(l.updated_at)) * 86400.0 AS ClickSeconds
        FROM sel JOIN send_ledger l ON l.id = sel.id JOIN engagement_messages e ON e.ledger_id = l.id
        WHERE l.state = 'sent' AND (e.first_human_open_at IS NOT NULL OR e.first_human_click_at IS NOT NULL)
        """;

    // Human opens per UTC minute (placed into a zone's hour and weekday by the caller, exact for any offset).
    public static string OpenMinutes(ReportSelection selection) => $"""
        WITH sel(id, grp) AS MATERIALIZED ({selection.Sql})
        SELECT substr(h.at, 1, 16) AS Minute, COUNT(*) AS Opens
        FROM sel JOIN engagement_hits h ON h.ledger_id = sel.id AND h.kind = 'open'
        WHERE h.machine = 0
        GROUP BY substr(h.at, 1, 16)
        """;

    public static string Links(ReportSelection selection) => $"""
        WITH sel(id, grp) AS MATERIALIZED ({selection.Sql})
        SELECT el.url AS Url, SUM(el.human_clicks) AS HumanClicks, SUM(el.clicks) AS Clicks,
               SUM(el.human_clicks > 0) AS HumanClickers, SUM(el.clicks > 0) AS Clickers
        FROM sel JOIN engagement_links el ON el.ledger_id = sel.id
        GROUP BY el.url ORDER BY SUM(el.human_clicks) DESC, SUM(el.clicks) DESC, el.url
        """;

    // The template (and version) the selection's first stored letter was rendered from.
    public static string FirstLetter(ReportSelection selection) => $"""
        WITH sel(id, grp) AS MATERIALIZED ({selection.Sql})
        SELECT q.template_name AS Name, q.template_version AS Version, q.variables AS Variables
        FROM sel JOIN queued_letters q ON q.ledger_id = sel.id ORDER BY sel.id LIMIT 1
        """;

    public const string CampaignKeys = """
        SELECT k.send_key AS SendKey, k.name AS Name, k.created_at AS CreatedAt,
               c.id AS CampaignId, c.state AS State, c.mode AS Mode, c.template_name AS TemplateName
        FROM send_keys k LEFT JOIN campaigns c ON k.send_key = 'scheduled-campaign:' || c.id AND c.portal_id = k.portal_id
        WHERE k.portal_id = @Portal AND k.kind = 'Campaign'
        ORDER BY k.created_at DESC, k.send_key DESC
        """;

    // The latest campaigns with a sent message, other than one (the baseline).
    public const string BaselineKeys = """
        SELECT k.send_key FROM send_keys k
        WHERE k.portal_id = @Portal AND k.kind = 'Campaign' AND k.send_key <> @Exclude
          AND EXISTS (SELECT 1 FROM send_ledger l WHERE l.send_key = k.send_key AND l.state = 'sent')
        ORDER BY k.created_at DESC, k.send_key DESC LIMIT @Count
        """;

    public const string Scenarios = """
        SELECT id AS Id, name AS Name, state AS State, created_at AS CreatedAt FROM scenarios WHERE portal_id = @Portal ORDER BY name, id
        """;

    public const string Templates = """
        SELECT q.template_name AS Name, MAX(q.template_version) AS Version, MIN(q.created_at) AS FirstUsedAt, MAX(q.created_at) AS LastUsedAt
        FROM queued_letters q WHERE q.portal_id = @Portal GROUP BY q.template_name ORDER BY q.template_name
        """;

    public const string Install = "SELECT status AS Status, domain AS Domain FROM bitrix24_installs WHERE portal_id = @Portal ORDER BY updated_at DESC LIMIT 1";

    // The portal's rows waiting because the relay could not be reached (put back, no attempt spent): how many, until when, and the latest reason.
    public const string Outage = """
        SELECT COUNT(*) AS Rows, MAX(l.next_attempt_at) AS Until,
               (SELECT x.detail FROM send_ledger x JOIN send_keys xk ON xk.send_key = x.send_key
                WHERE xk.portal_id = @Portal AND x.state IN ('queued', 'deferred') AND x.next_attempt_at > @Now AND x.detail LIKE @Prefix
                ORDER BY x.updated_at DESC LIMIT 1) AS Detail
        FROM send_ledger l JOIN send_keys k ON k.send_key = l.send_key
        WHERE k.portal_id = @Portal AND l.state IN ('queued', 'deferred') AND l.next_attempt_at > @Now AND l.detail LIKE @Prefix
        """;

    public const string Pauses = "SELECT domain AS Domain, paused_until AS PausedUntil, detail AS Detail FROM send_pauses WHERE paused_until > @Now ORDER BY domain";
}
