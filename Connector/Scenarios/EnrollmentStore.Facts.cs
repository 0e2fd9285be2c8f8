using Connector.Store;
using Dapper;

namespace Connector.Scenarios;

public sealed partial class EnrollmentStore
{
    // The address a send goes to is the contact's first valid e-mail; its suppression (any reason) makes it leave.
    // A deal's stage semantics: the mirror's, else its stage's (S won, F lost).
    private const string Facts = """
        SELECT d.crm_id AS DealFound, d.stage_id AS DealStage, d.pipeline_id AS DealPipeline,
               COALESCE(d.stage_semantic, (SELECT st.semantic FROM stages st WHERE st.portal_id = d.portal_id AND st.stage_id = d.stage_id)) AS DealSemantic,
               d.title AS DealTitle, d.assigned_by_id AS DealAssignedBy, d.custom_fields AS DealFields,
               c.crm_id AS ContactFound, c.name AS ContactName, c.last_name AS ContactLastName, c.custom_fields AS ContactFields,
               (SELECT s.reason FROM suppressions s WHERE s.address = (
                    SELECT e.address FROM contact_emails e WHERE e.portal_id = @PortalId AND e.contact_id = @ContactId AND e.is_valid = 1 ORDER BY e.position LIMIT 1)
                    COLLATE NOCASE LIMIT 1) AS Suppressed,
               (SELECT p.time_zone FROM portals p WHERE p.id = @PortalId) AS PortalZone
        FROM (SELECT 1) one
        LEFT JOIN deals d ON d.portal_id = @PortalId AND d.crm_id = @DealId AND d.deleted = 0
        LEFT JOIN contacts c ON c.portal_id = @PortalId AND c.crm_id = @ContactId AND c.deleted = 0
        """;

    // Joined through the ledger row each send step enqueued (scenario_sends.ledger_id); machine hits do not count.
    private const string Engagement = """
        SELECT DISTINCT s.step AS Step, h.kind AS Kind FROM scenario_sends s JOIN engagement_hits h ON h.ledger_id = s.ledger_id
        WHERE s.enrollment_id = @Id AND h.machine = 0 AND h.kind IN ('open', 'click')
        """;

    // Any e-mail of this portal to the contact: a scenario send of one of its enrollments, or a ledger row under one of its send keys.
    private const string AnyEngagement = """
        SELECT h.kind, MAX(h.at) FROM engagement_hits h
        WHERE h.contact_id = @ContactId AND h.machine = 0 AND h.kind IN ('open', 'click')
          AND (h.ledger_id IN (SELECT s.ledger_id FROM scenario_sends s JOIN scenario_enrollments e ON e.id = s.enrollment_id WHERE e.portal_id = @PortalId AND s.ledger_id IS NOT NULL)
               OR h.ledger_id IN (SELECT l.id FROM send_ledger l JOIN send_keys k ON k.send_key = l.send_key WHERE k.portal_id = @PortalId))
        GROUP BY h.kind
        """;

    public async Task<EnrollmentFacts> FactsAsync(DueEnrollment due, string? timeZoneField, TimeZoneInfo defaultZone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<FactsRow>(new CommandDefinition(Facts, new { due.PortalId, due.DealId, due.ContactId }, cancellationToken: cancellationToken));
        var hits = (await connection.QueryAsync<EngagementRow>(new CommandDefinition(Engagement, new { Id = due.EnrollmentId }, cancellationToken: cancellationToken))).ToList();
        var any = (await connection.QueryAsync<(string Kind, string At)>(new CommandDefinition(AnyEngagement, new { due.PortalId, due.ContactId }, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Kind, r => UtcText.Parse(r.At), StringComparer.Ordinal);
        var contactFields = CustomFieldsJson.Read(row.ContactFields);
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (code, values) in contactFields)
        {
            fields[$"contact.{code}"] = values;
        }

        foreach (var (code, values) in CustomFieldsJson.Read(row.DealFields))
        {
            fields[$"deal.{code}"] = values;
        }

        Put(fields, "contact.name", row.ContactName);
        Put(fields, "contact.last_name", row.ContactLastName);
        Put(fields, "deal.title", row.DealTitle);
        Put(fields, "deal.stage", row.DealStage);
        return new EnrollmentFacts
        {
            DealStage = row.DealStage,
            DealPipeline = row.DealPipeline,
            DealSemantic = row.DealSemantic,
            DealAssignedBy = row.DealAssignedBy,
            DealMissing = due.DealId is not null && row.DealFound is null,
            ContactMissing = row.ContactFound is null,
            Suppressed = row.Suppressed,
            Opened = hits.Where(h => h.Kind == "open").Select(h => h.Step).ToHashSet(StringComparer.Ordinal),
            Clicked = hits.Where(h => h.Kind == "click").Select(h => h.Step).ToHashSet(StringComparer.Ordinal),
            Fields = fields,
            LastOpenAny = any.TryGetValue("open", out var open) ? open : null,
            LastClickAny = any.TryGetValue("click", out var click) ? click : null,
            TimeZone = ContactTimeZones.Resolve(contactFields, timeZoneField, PortalTimeZones.Parse(row.PortalZone), defaultZone),
        };
    }

    private static void Put(Dictionary<string, IReadOnlyList<string>> fields, string key, string? value)
    {
        if (value is not null)
        {
            fields[key] = [value];
        }
    }
}
