using System.Data.Common;
using Dapper;

namespace Connector.Scenarios;

public sealed partial class EnrollmentStore
{
    // A deal's mailed contact is its first linked one (deal_contacts.position).
    private const string EnteredStage = """
        SELECT t.deal_id AS SubjectId, t.deal_id AS DealId, t.occurred_at AS OccurredAt, 't:' || t.id AS Source,
               (SELECT x.contact_id FROM deal_contacts x WHERE x.portal_id = t.portal_id AND x.deal_id = t.deal_id ORDER BY x.position LIMIT 1) AS ContactId
        FROM stage_transitions t
        WHERE t.portal_id = @PortalId AND t.id > @Cursor AND t.id <= @Bound
          AND t.to_stage = @Stage AND t.to_pipeline = @Pipeline AND (@FromStage IS NULL OR t.from_stage = @FromStage)
        ORDER BY t.id
        """;

    private const string DealsCreated = """
        SELECT d.crm_id AS SubjectId, d.crm_id AS DealId, COALESCE(d.created_at, d.synced_at) AS OccurredAt, 'd:' || d.rowid AS Source,
               (SELECT x.contact_id FROM deal_contacts x WHERE x.portal_id = d.portal_id AND x.deal_id = d.crm_id ORDER BY x.position LIMIT 1) AS ContactId
        FROM deals d
        WHERE d.portal_id = @PortalId AND d.rowid > @Cursor AND d.rowid <= @Bound AND d.deleted = 0 AND (@Pipeline IS NULL OR d.pipeline_id = @Pipeline)
        ORDER BY d.rowid
        """;

    private const string ContactsCreated = """
        SELECT c.crm_id AS SubjectId, c.crm_id AS ContactId, COALESCE(c.created_at, c.synced_at) AS OccurredAt, 'c:' || c.rowid AS Source
        FROM contacts c
        WHERE c.portal_id = @PortalId AND c.rowid > @Cursor AND c.rowid <= @Bound AND c.deleted = 0
        ORDER BY c.rowid
        """;

    private static async Task<(List<TriggerCandidate> Candidates, (long Transitions, long Deals, long Contacts) Cursors)> CandidatesAsync(
        DbConnection connection, DbTransaction transaction, ScenarioRow scenario, ScenarioTrigger trigger, CancellationToken cancellationToken)
    {
        // Each cursor moves to the present only for the trigger that reads it, so a version that changes the trigger
        // starts that kind from where the scenario was imported or last read it.
        var cursors = (scenario.TransitionCursor, scenario.DealCursor, scenario.ContactCursor);
        var (sql, cursor, bound) = trigger.Kind switch
        {
            TriggerKind.DealEnteredStage => (EnteredStage, scenario.TransitionCursor,
                await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(id), 0) FROM stage_transitions", new { }, cancellationToken)),
            TriggerKind.DealCreated => (DealsCreated, scenario.DealCursor,
                await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(rowid), 0) FROM deals", new { }, cancellationToken)),
            _ => (ContactsCreated, scenario.ContactCursor,
                await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(rowid), 0) FROM contacts", new { }, cancellationToken)),
        };
        var rows = (await connection.QueryAsync<TriggerCandidate>(new CommandDefinition(sql, new
        {
            scenario.PortalId, Cursor = cursor, Bound = bound, trigger.Stage, trigger.Pipeline, trigger.FromStage,
        }, transaction, cancellationToken: cancellationToken))).ToList();
        cursors = trigger.Kind switch
        {
            TriggerKind.DealEnteredStage => cursors with { TransitionCursor = bound },
            TriggerKind.DealCreated => cursors with { DealCursor = bound },
            _ => cursors with { ContactCursor = bound },
        };
        return (rows, cursors);
    }
}
