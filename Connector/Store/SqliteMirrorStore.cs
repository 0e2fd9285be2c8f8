using System.Data.Common;
using Connector.Sync;
using Dapper;

namespace Connector.Store;

/// <summary>
/// The mirror (SQLite or PostgreSQL, despite the name): the only writer of portals, contacts, deals, pipelines, stages
/// and transitions. Each public write is one transaction; one that changes contacts gives them its change number
/// (contacts.change_seq). Aspects live in SqliteMirrorStore.*.cs.
/// </summary>
public sealed partial class SqliteMirrorStore(IStoreConnections connections, TimeProvider timeProvider) : IMirrorWriter
{
    // PostgreSQL: every mirror write transaction takes this transaction-scoped advisory lock first, so the writes
    // follow one another as they do on SQLite (BEGIN IMMEDIATE): a deal's read-then-record of a move cannot interleave.
    private const long PostgresWriterLock = 0x4d6972726f72; // "Mirror"

    private const string UpsertPortal = """
        INSERT INTO portals (portal_key, domain, auth_mode, created_at, updated_at)
        VALUES (@Key, @Domain, @AuthMode, @Now, @Now)
        ON CONFLICT(portal_key) DO UPDATE SET domain = excluded.domain, auth_mode = excluded.auth_mode, updated_at = excluded.updated_at
        RETURNING id
        """;

    private string Now => UtcText.From(timeProvider.GetUtcNow());

    public async Task SetPortalTimeZoneAsync(long portalId, string zone, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE portals SET time_zone = @Zone WHERE id = @Id", new { Id = portalId, Zone = zone }, cancellationToken: cancellationToken));
    }

    public async Task<long> EnsurePortalAsync(string portalKey, string domain, string authMode, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            UpsertPortal, new { Key = portalKey, Domain = domain, AuthMode = authMode, Now }, cancellationToken: cancellationToken));
    }

    /// <summary>Begins a mirror write transaction (on PostgreSQL, after the mirror's writer lock).</summary>
    private async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (connections.Provider != StoreProvider.Postgres)
        {
            return transaction;
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(@Key)", new { Key = PostgresWriterLock }, transaction, cancellationToken: cancellationToken));
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    public async Task<int> MarkUnseenDeletedAsync(long portalId, CrmRecordKind kind, long pass, CancellationToken cancellationToken)
    {
        var sql = kind switch
        {
            CrmRecordKind.Contact => "UPDATE contacts SET deleted = 1, deleted_at = @Now, change_seq = @Seq WHERE portal_id = @PortalId AND deleted = 0 AND seen_pass < @Pass",
            CrmRecordKind.Deal => "UPDATE deals SET deleted = 1, deleted_at = @Now WHERE portal_id = @PortalId AND deleted = 0 AND seen_pass < @Pass",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "only contacts and deals are reconciled"),
        };
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var seq = kind == CrmRecordKind.Contact ? await NextContactSeqAsync(connection, transaction, cancellationToken) : 0;
        var count = await connection.ExecuteAsync(new CommandDefinition(sql, new { PortalId = portalId, Pass = pass, Now, Seq = seq }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    public async Task TouchAsync(long portalId, CrmRecordKind kind, IReadOnlyList<long> ids, long pass, CancellationToken cancellationToken)
    {
        var sql = kind switch
        {
            CrmRecordKind.Contact => "UPDATE contacts SET seen_pass = @Pass WHERE portal_id = @PortalId AND crm_id = @Id",
            CrmRecordKind.Deal => "UPDATE deals SET seen_pass = @Pass WHERE portal_id = @PortalId AND crm_id = @Id",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "only contacts and deals are reconciled"),
        };
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            sql, ids.Select(id => new { PortalId = portalId, Pass = pass, Id = id }), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> MarkDeletedAsync(long portalId, CrmRecordKind kind, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var sql = kind switch
        {
            CrmRecordKind.Contact => "UPDATE contacts SET deleted = 1, deleted_at = @Now, change_seq = @Seq WHERE portal_id = @PortalId AND crm_id = @Id AND deleted = 0",
            CrmRecordKind.Deal => "UPDATE deals SET deleted = 1, deleted_at = @Now WHERE portal_id = @PortalId AND crm_id = @Id AND deleted = 0",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "only contacts and deals are deleted"),
        };
        var now = Now;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var seq = kind == CrmRecordKind.Contact ? await NextContactSeqAsync(connection, transaction, cancellationToken) : 0;
        var count = await connection.ExecuteAsync(new CommandDefinition(
            sql, ids.Select(id => new { PortalId = portalId, Id = id, Now = now, Seq = seq }), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    public async Task PurgePortalAsync(long portalId, CancellationToken cancellationToken)
    {
        const string Purge = """
            DELETE FROM contact_emails WHERE portal_id = @PortalId;
            DELETE FROM deal_contacts WHERE portal_id = @PortalId;
            DELETE FROM stage_transitions WHERE portal_id = @PortalId;
            DELETE FROM contacts WHERE portal_id = @PortalId;
            DELETE FROM deals WHERE portal_id = @PortalId;
            DELETE FROM stages WHERE portal_id = @PortalId;
            DELETE FROM pipelines WHERE portal_id = @PortalId;
            DELETE FROM users WHERE portal_id = @PortalId;
            DELETE FROM custom_field_labels WHERE portal_id = @PortalId;
            DELETE FROM sync_cursors WHERE portal_id = @PortalId;
            DELETE FROM event_inbox WHERE portal_id = @PortalId;
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Purge, new { PortalId = portalId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
