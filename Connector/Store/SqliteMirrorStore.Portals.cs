using Dapper;

namespace Connector.Store;

/// <summary>Portal rows: a portal is kept only once it has answered; removal of a portal's whole mirror.</summary>
public sealed partial class SqliteMirrorStore
{
    // A portal that never answered has nothing mirrored, no cursor, no install, no event and no succeeded pass. A row
    // upserted again since it was created (created_at <> updated_at) was there before this pass — e.g. made by event
    // authentication, which keeps its id — and stays.
    private const string ForgetUnanswered = """
        DELETE FROM sync_runs WHERE portal_id = @PortalId;
        DELETE FROM sync_leases WHERE portal_id = @PortalId;
        DELETE FROM portals WHERE id = @PortalId;
        """;

    private const string Answered = """
        SELECT EXISTS (SELECT 1 FROM pipelines WHERE portal_id = @PortalId)
            OR EXISTS (SELECT 1 FROM contacts WHERE portal_id = @PortalId)
            OR EXISTS (SELECT 1 FROM deals WHERE portal_id = @PortalId)
            OR EXISTS (SELECT 1 FROM stage_transitions WHERE portal_id = @PortalId)
            OR EXISTS (SELECT 1 FROM sync_cursors WHERE portal_id = @PortalId)
            OR EXISTS (SELECT 1 FROM bitrix24_installs WHERE portal_id = @PortalId)
            OR EXISTS (SELECT 1 FROM event_inbox WHERE portal_id = @PortalId)
            OR EXISTS (SELECT 1 FROM sync_runs WHERE portal_id = @PortalId AND status = 'succeeded')
            OR EXISTS (SELECT 1 FROM portals WHERE id = @PortalId AND created_at <> updated_at)
        """;

    private const string ListPortals = """
        SELECT p.id AS Id, p.portal_key AS Key, p.domain AS Domain, p.auth_mode AS AuthMode,
               (SELECT status FROM bitrix24_installs i WHERE i.portal_id = p.id ORDER BY updated_at DESC LIMIT 1) AS InstallStatus,
               r.finished_at AS LastSyncAt, r.status AS LastSyncStatus, r.error AS LastSyncError,
               (SELECT COUNT(*) FROM contacts c WHERE c.portal_id = p.id AND c.deleted = 0) AS Contacts,
               (SELECT COUNT(*) FROM deals d WHERE d.portal_id = p.id AND d.deleted = 0) AS Deals,
               (SELECT COUNT(*) FROM stage_transitions t WHERE t.portal_id = p.id) AS Transitions
        FROM portals p
        LEFT JOIN sync_runs r ON r.id = (SELECT MAX(id) FROM sync_runs x WHERE x.portal_id = p.id AND x.finished_at IS NOT NULL)
        ORDER BY p.id
        """;

    private const string RemovePortal = """
        DELETE FROM contact_emails WHERE portal_id = @PortalId;
        DELETE FROM deal_contacts WHERE portal_id = @PortalId;
        DELETE FROM stage_transitions WHERE portal_id = @PortalId;
        DELETE FROM contacts WHERE portal_id = @PortalId;
        DELETE FROM deals WHERE portal_id = @PortalId;
        DELETE FROM stages WHERE portal_id = @PortalId;
        DELETE FROM pipelines WHERE portal_id = @PortalId;
        DELETE FROM users WHERE portal_id = @PortalId;
        DELETE FROM custom_field_labels WHERE portal_id = @PortalId;
        DELETE FROM portal_settings WHERE portal_id = @PortalId;
        DELETE FROM portal_setting_changes WHERE portal_id = @PortalId;
        DELETE FROM sync_cursors WHERE portal_id = @PortalId;
        DELETE FROM sync_leases WHERE portal_id = @PortalId;
        DELETE FROM sync_runs WHERE portal_id = @PortalId;
        DELETE FROM event_inbox WHERE portal_id = @PortalId;
        DELETE FROM bitrix24_installs WHERE portal_id = @PortalId;
        DELETE FROM portals WHERE id = @PortalId;
        """;

    public async Task<IReadOnlyList<PortalRow>> PortalsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<PortalRow>(new CommandDefinition(ListPortals, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Deletes a portal and everything mirrored or recorded for it (install and tokens included), in one transaction.</summary>
    public async Task RemovePortalAsync(long portalId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(RemovePortal, new { PortalId = portalId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Removes a portal row that a failed first pass created (a wrong or unreachable webhook): it has no answer of the
    /// portal behind it, so reports must not count it. Anything the portal ever answered keeps the row. One transaction.
    /// </summary>
    public async Task<bool> ForgetUnansweredPortalAsync(long portalId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var answered = await connection.ExecuteScalarAsync<long>(new CommandDefinition(Answered, new { PortalId = portalId }, transaction, cancellationToken: cancellationToken));
        if (answered != 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(ForgetUnanswered, new { PortalId = portalId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
