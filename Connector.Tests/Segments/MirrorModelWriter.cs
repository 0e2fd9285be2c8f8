using Dapper;
using Microsoft.Data.Sqlite;

namespace Connector.Tests.Segments;

/// <summary>
/// Writes a <see cref="MirrorModel"/> into a migrated store as portal 1, plus a decoy portal 2 holding the same contact
/// ids with every e-mail and each deal linked to the next contact: a condition that forgets its portal shows up.
/// </summary>
internal static class MirrorModelWriter
{
    private const string Clear = """
        DELETE FROM scenario_enrollments; DELETE FROM scenarios; DELETE FROM engagement_hits; DELETE FROM send_ledger; DELETE FROM send_keys; DELETE FROM bounce_events; DELETE FROM suppressions;
        DELETE FROM list_unsubscribes; DELETE FROM deal_contacts; DELETE FROM deals; DELETE FROM contact_emails; DELETE FROM contacts;
        DELETE FROM stages; DELETE FROM pipelines; DELETE FROM portals;
        """;

    public static void Write(SqliteConnection connection, MirrorModel model)
    {
        using var tx = connection.BeginTransaction();
        connection.Execute(Clear, transaction: tx);
        foreach (var portal in new[] { 1, 2 })
        {
            connection.Execute("INSERT INTO portals (id, portal_key, domain, auth_mode, created_at, updated_at) VALUES (@Id, @Key, 'b24.example', 'webhook', '', '')",
                new { Id = portal, Key = $"portal-{portal}" }, tx);
            connection.Execute("INSERT INTO send_keys (send_key, portal_id, name, kind, created_at) VALUES (@Key, @Portal, 'n', 'Campaign', '')",
                new { Key = $"campaign:p{portal}", Portal = portal }, tx);
            foreach (var (id, name) in MirrorModel.Pipelines)
            {
                connection.Execute("INSERT INTO pipelines (portal_id, crm_id, name, sort, is_default) VALUES (@Portal, @Id, @Name, 0, 0)", new { Portal = portal, Id = id, Name = portal == 1 ? name : "decoy" }, tx);
            }

            foreach (var (id, pipeline, name, semantic) in MirrorModel.Stages)
            {
                connection.Execute("INSERT INTO stages (portal_id, stage_id, pipeline_id, name, sort, semantic) VALUES (@Portal, @Id, @Pipeline, @Name, 0, @Semantic)",
                    new { Portal = portal, Id = id, Pipeline = pipeline, Name = portal == 1 ? name : "decoy", Semantic = semantic }, tx);
            }

            foreach (var c in model.Contacts)
            {
                connection.Execute("""
                    INSERT INTO contacts (portal_id, crm_id, name, second_name, last_name, assigned_by_id, created_at, modified_at, deleted, synced_at, custom_fields)
                    VALUES (@Portal, @Id, @Name, @SecondName, @LastName, @Assigned, @Created, @Modified, @Deleted, '', @CustomJson)
                    """, new { Portal = portal, c.Id, c.Name, c.SecondName, c.LastName, c.Assigned, c.Created, c.Modified, Deleted = c.Deleted ? 1 : 0, c.CustomJson }, tx);
                var emails = portal == 1 ? c.Emails : model.Contacts.SelectMany(x => x.Emails).Distinct().ToList();
                connection.Execute("INSERT INTO contact_emails (portal_id, contact_id, position, raw_value, address, is_valid) VALUES (@Portal, @Id, @Position, @Address, @Address, 1)",
                    emails.Select((a, i) => new { Portal = portal, c.Id, Position = i, Address = a }), tx);
            }

            foreach (var d in model.Deals)
            {
                connection.Execute("""
                    INSERT INTO deals (portal_id, crm_id, title, stage_id, pipeline_id, stage_semantic, amount, currency, assigned_by_id, created_at, modified_at, moved_at,
                                       deleted, synced_at, custom_fields)
                    VALUES (@Portal, @Id, @Title, @Stage, @Pipeline, @Semantic, @Amount, @Currency, @Assigned, @Created, @Modified, @Moved, @Deleted, '', @CustomJson)
                    """, new { Portal = portal, d.Id, d.Title, d.Stage, d.Pipeline, d.Semantic, d.Amount, d.Currency, d.Assigned, d.Created, d.Modified, d.Moved, Deleted = d.Deleted ? 1 : 0, d.CustomJson }, tx);
                connection.Execute("INSERT INTO deal_contacts (portal_id, deal_id, contact_id, position) VALUES (@Portal, @Deal, @Contact, 0)",
                    d.ContactIds.Select(x => portal == 1 ? x : x + 1).Distinct().Select(x => new { Portal = portal, Deal = d.Id, Contact = x }), tx);
            }
        }

        foreach (var (hit, i) in model.Hits.Select((h, i) => (h, i)))
        {
            var ledger = connection.ExecuteScalar<long>("""
                INSERT INTO send_ledger (send_key, recipient, contact_id, state, due_at, next_attempt_at, created_at, updated_at)
                VALUES (@Key, @Recipient, @Contact, 'sent', '', '', '', '') RETURNING id
                """, new { Key = $"campaign:p{hit.Portal}", Recipient = $"h{i}@hits.example", Contact = hit.ContactId }, tx);
            connection.Execute("INSERT INTO engagement_hits (ledger_id, contact_id, kind, at, machine) VALUES (@Ledger, @Contact, @Kind, @At, @Machine)",
                new { Ledger = ledger, Contact = hit.ContactId, hit.Kind, hit.At, Machine = hit.Machine ? 1 : 0 }, tx);
        }

        foreach (var portal in new[] { 1, 2 })
        {
            foreach (var name in MirrorModel.Scenarios)
            {
                connection.Execute("INSERT INTO scenarios (portal_id, name, state, current_version, created_at, updated_at) VALUES (@Portal, @Name, 'active', 1, '', '')",
                    new { Portal = portal, Name = name }, tx);
            }
        }

        foreach (var (e, i) in model.Enrollments.Select((e, i) => (e, i)))
        {
            connection.Execute("""
                INSERT INTO scenario_enrollments (scenario_id, version, portal_id, subject_kind, subject_id, contact_id, entry_key, state, entered_at, created_at, updated_at)
                SELECT id, 1, @Portal, 'contact', @Contact, @Contact, @Key, @State, '', '', '' FROM scenarios WHERE portal_id = @Portal AND name = @Name
                """, new { e.Portal, Contact = e.ContactId, Key = $"k{i}", e.State, Name = e.Scenario }, tx);
        }

        connection.Execute("INSERT INTO bounce_events (recipient, kind, source, at) VALUES (@Recipient, @Kind, 'hook', '')", model.Bounces.Select(b => new { b.Recipient, b.Kind }), tx);
        connection.Execute("INSERT INTO suppressions (address, reason, created_at) VALUES (@Address, @Reason, '')", model.Suppressions.Select(s => new { s.Address, s.Reason }), tx);
        connection.Execute("INSERT INTO list_unsubscribes (address, list_key, ledger_id, created_at) VALUES (@Address, @List, 0, '')", model.ListUnsubscribes.Select(s => new { s.Address, s.List }), tx);
        tx.Commit();
    }
}
