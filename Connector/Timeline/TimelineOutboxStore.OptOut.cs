using Connector.Store;
using Dapper;

namespace Connector.Timeline;

/// <summary>
/// The CRM opt-out field as mirrored by Sync (contacts.custom_fields), compared with what was last seen; only contacts
/// the mirror changed since the watcher's position (contacts.change_seq, 0019) are read.
/// </summary>
public sealed partial class TimelineOutboxStore
{
    /// <summary>The watcher's position in timeline_cursors: the highest contact change number it has taken.</summary>
    public const string ContactsSource = "contacts";

    /// <summary>The mirror's latest contact change number (the top of ix_contacts_change_seq: no row is read).</summary>
    public const string ContactsChangedUpTo = "SELECT COALESCE(MAX(change_seq), 0) FROM contacts";

    // A range of ix_contacts_change_seq; custom_fields holds {"UF_…":["1"]} (0005), the LIKE keeps json_extract off rows that lack the field.
    public const string OptOutCandidates = """
        SELECT c.portal_id AS PortalId, c.crm_id AS ContactId, json_extract(c.custom_fields, @Path) AS Value, s.value AS Seen
        FROM contacts c
        LEFT JOIN timeline_optout_seen s ON s.portal_id = c.portal_id AND s.contact_id = c.crm_id
        WHERE c.change_seq > @After AND c.change_seq <= @UpTo AND c.deleted = 0 AND c.custom_fields LIKE @Like
        """;

    private const string ReadPosition = "SELECT position FROM timeline_cursors WHERE source = @Source";

    private const string MovePosition = """
        INSERT INTO timeline_cursors (source, position, updated_at) VALUES (@Source, @Position, @Now)
        ON CONFLICT(source) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
        """;

    private const string Addresses = """
        SELECT address FROM contact_emails WHERE portal_id = @PortalId AND contact_id = @ContactId AND is_valid = 1 ORDER BY position
        """;

    private const string Seen = """
        INSERT INTO timeline_optout_seen (portal_id, contact_id, value, seen_at) VALUES (@PortalId, @ContactId, @Value, @Now)
        ON CONFLICT(portal_id, contact_id) DO UPDATE SET value = excluded.value, seen_at = excluded.seen_at
        """;

    private const string Change = """
        INSERT INTO timeline_optout_changes (portal_id, contact_id, value, outcome, addresses, at)
        VALUES (@PortalId, @ContactId, @Value, @Outcome, @Addresses, @Now)
        """;

    /// <summary>The watcher's position and the mirror's latest contact change: the range a pass reads (empty when nothing changed).</summary>
    public async Task<(long After, long UpTo)> OptOutRangeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var after = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            ReadPosition, new { Source = ContactsSource }, cancellationToken: cancellationToken)) ?? 0;
        var upTo = await connection.ExecuteScalarAsync<long>(new CommandDefinition(ContactsChangedUpTo, cancellationToken: cancellationToken));
        return (after, upTo);
    }

    /// <summary>Contacts changed in (<paramref name="after"/>, <paramref name="upTo"/>] that carry <paramref name="field"/>.</summary>
    public async Task<IReadOnlyList<OptOutRow>> OptOutCandidatesAsync(string field, long after, long upTo, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OptOutRow>(new CommandDefinition(
            OptOutCandidates, new { Path = $"$.\"{field}\"[0]", Like = $"%\"{field}\"%", After = after, UpTo = upTo }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task MoveOptOutPositionAsync(long position, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var gate = connections.WriteGate.Enter(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            MovePosition, new { Source = ContactsSource, Position = position, Now = UtcText.From(now) }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<string>> AddressesAsync(long portalId, long contactId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(Addresses, new { PortalId = portalId, ContactId = contactId }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Stores the value as seen and, when <paramref name="outcome"/> is given, the change with what was done.</summary>
    public async Task RecordOptOutAsync(long portalId, long contactId, bool value, string? outcome, int addresses, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var gate = connections.WriteGate.Enter(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parameters = new { PortalId = portalId, ContactId = contactId, Value = value ? 1 : 0, Outcome = outcome, Addresses = addresses, Now = UtcText.From(now) };
        await connection.ExecuteAsync(new CommandDefinition(Seen, parameters, transaction, cancellationToken: cancellationToken));
        if (outcome is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(Change, parameters, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<(long ContactId, long Value, string Outcome)>> OptOutChangesAsync(long portalId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<(long, long, string)>(new CommandDefinition(
            "SELECT contact_id, value, outcome FROM timeline_optout_changes WHERE portal_id = @PortalId ORDER BY id", new { PortalId = portalId }, cancellationToken: cancellationToken))).ToList();
    }
}
