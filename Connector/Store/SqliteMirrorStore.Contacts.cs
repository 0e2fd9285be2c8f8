using System.Data.Common;
using Connector.Sync;
using Dapper;

namespace Connector.Store;

public sealed partial class SqliteMirrorStore
{
    private const string UpsertContact = """
        INSERT INTO contacts (portal_id, crm_id, name, second_name, last_name, assigned_by_id, export, created_at, modified_at,
                              deleted, deleted_at, synced_at, seen_pass, custom_fields, change_seq)
        VALUES (@PortalId, @CrmId, @Name, @SecondName, @LastName, @AssignedById, @Export, @CreatedAt, @ModifiedAt, 0, NULL, @Now, COALESCE(@Pass, 0),
                @CustomFields, @Seq)
        ON CONFLICT(portal_id, crm_id) DO UPDATE SET
            -- Compared with the row as it was: SQLite evaluates every assignment against the old row.
            change_seq = CASE WHEN contacts.deleted <> 0 OR contacts.custom_fields IS NOT excluded.custom_fields
                                   OR contacts.modified_at IS NOT excluded.modified_at OR contacts.name IS NOT excluded.name
                                   OR contacts.second_name IS NOT excluded.second_name OR contacts.last_name IS NOT excluded.last_name
                                   OR contacts.assigned_by_id IS NOT excluded.assigned_by_id OR contacts.export IS NOT excluded.export
                                   OR contacts.created_at IS NOT excluded.created_at
                              THEN excluded.change_seq ELSE contacts.change_seq END,
            name = excluded.name, second_name = excluded.second_name, last_name = excluded.last_name,
            assigned_by_id = excluded.assigned_by_id, export = excluded.export, created_at = excluded.created_at,
            modified_at = excluded.modified_at, deleted = 0, deleted_at = NULL, synced_at = excluded.synced_at,
            seen_pass = CASE WHEN @Pass IS NULL THEN contacts.seen_pass ELSE excluded.seen_pass END,
            custom_fields = excluded.custom_fields
        """;

    // PostgreSQL has no IS NOT for null-safe inequality; IS DISTINCT FROM means the same (SQLite keeps its text and plan).
    private static readonly string UpsertContactPostgres = UpsertContact.Replace(" IS NOT excluded.", " IS DISTINCT FROM excluded.", StringComparison.Ordinal);

    private const string DeleteEmails = "DELETE FROM contact_emails WHERE portal_id = @PortalId AND contact_id = @CrmId";

    private const string InsertEmail = """
        INSERT INTO contact_emails (portal_id, contact_id, position, raw_value, address, value_type, is_valid, invalid_reason)
        VALUES (@PortalId, @ContactId, @Position, @Raw, @Address, @ValueType, @IsValid, @InvalidReason)
        """;

    // The first write of the transaction, so it takes the file's write lock (PostgreSQL: the row's lock, after the
    // mirror's writer lock): numbers are committed in the order they are taken.
    private const string NextContactSeq = "UPDATE mirror_sequences SET value = value + 1 WHERE name = 'contacts' RETURNING value";

    /// <summary>
    /// Writes contacts and their e-mails; a contact whose mirrored fields change (or that comes back after a deletion)
    /// takes this transaction's change number (contacts.change_seq, 0019), one that is written unchanged keeps its own.
    /// </summary>
    public async Task UpsertContactsAsync(long portalId, IReadOnlyList<ContactWrite> contacts, long? pass, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var seq = await NextContactSeqAsync(connection, transaction, cancellationToken);
        foreach (var (contact, emails) in contacts)
        {
            var key = new { PortalId = portalId, CrmId = contact.Id };
            await connection.ExecuteAsync(new CommandDefinition(connections.Provider == StoreProvider.Postgres ? UpsertContactPostgres : UpsertContact, new
            {
                PortalId = portalId,
                CrmId = contact.Id,
                contact.Name,
                contact.SecondName,
                contact.LastName,
                contact.AssignedById,
                Export = contact.Export is { } e ? (e ? 1 : 0) : (int?)null,
                CreatedAt = UtcText.From(contact.CreatedAt),
                ModifiedAt = UtcText.From(contact.ModifiedAt),
                Now = now,
                Pass = pass,
                CustomFields = CustomFieldsJson.Write(contact.CustomFields),
                Seq = seq,
            }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(DeleteEmails, key, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(InsertEmail, emails.Select((m, i) => new
            {
                PortalId = portalId,
                ContactId = contact.Id,
                Position = i,
                m.Raw,
                m.Address,
                m.ValueType,
                IsValid = m.IsValid ? 1 : 0,
                m.InvalidReason,
            }), transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static Task<long> NextContactSeqAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(NextContactSeq, transaction: transaction, cancellationToken: cancellationToken));
}
