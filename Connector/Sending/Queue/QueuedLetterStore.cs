using System.Data.Common;
using Connector.Store;
using Dapper;

namespace Connector.Sending.Queue;

/// <summary>
/// The one writer of <c>queued_letters</c> (migration 0018), inside the send queue's enqueue transaction; and its
/// reads: a row's stored letter, the letters of a send key, whether serve's runner has anything to do.
/// </summary>
public sealed class QueuedLetterStore(SqliteConnectionFactory connections)
{
    private const string Insert = """
        INSERT INTO queued_letters (ledger_id, portal_id, template_name, template_version, deal_id, variables, list_name, request_hash, created_at, subject, from_address, from_name)
        VALUES (@LedgerId, @PortalId, @TemplateName, @TemplateVersion, @DealId, @Variables, @ListName, @RequestHash, @CreatedAt, @Subject, @FromAddress, @FromName)
        """;

    private const string Columns = """
        SELECT q.ledger_id AS LedgerId, q.portal_id AS PortalId, l.send_key AS SendKey, l.recipient AS Recipient, q.template_name AS TemplateName,
               q.template_version AS TemplateVersion, q.deal_id AS DealId, q.variables AS Variables, q.list_name AS ListName,
               q.request_hash AS RequestHash, q.created_at AS CreatedAt, q.subject AS Subject, q.from_address AS FromAddress, q.from_name AS FromName
        """;

    internal const string ByLedgerId = Columns + """

        FROM queued_letters q JOIN send_ledger l ON l.id = q.ledger_id WHERE q.ledger_id = @Id
        """;

    internal const string BySendKey = Columns + """

        FROM send_ledger l JOIN queued_letters q ON q.ledger_id = l.id WHERE l.send_key = @SendKey ORDER BY l.id
        """;

    // From the ledger's due index of rows with a stored letter (0022), and its owner index for rows a runner holds (a
    // dead one's 'sending' rows are settled by the next reservation).
    internal const string AnyDue = """
        SELECT EXISTS (SELECT 1 FROM send_ledger l
                       WHERE l.state IN ('queued', 'deferred') AND l.stored_letter = 1 AND l.next_attempt_at <= @Now AND l.owner IS NULL)
            OR EXISTS (SELECT 1 FROM send_ledger l
                       WHERE l.owner IS NOT NULL AND l.state = 'sending' AND l.stored_letter = 1)
        """;

    // The newest of a key and its generations (KEY, KEY#2, KEY#3…): a range of send_keys' primary key.
    internal const string LatestGeneration = """
        SELECT send_key AS SendKey, created_at AS CreatedAt FROM send_keys
        WHERE send_key = @Base OR (send_key > @Low AND send_key < @High)
        ORDER BY created_at DESC, length(send_key) DESC, send_key DESC LIMIT 1
        """;

    internal static Task InsertAsync(DbConnection connection, DbTransaction transaction, StoredLetter letter, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(Insert, letter, transaction, cancellationToken: cancellationToken));

    internal static async Task<IReadOnlyList<StoredLetter>> OfSendKeyAsync(DbConnection connection, DbTransaction? transaction, string sendKey, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<StoredLetter>(new CommandDefinition(BySendKey, new { SendKey = sendKey }, transaction, cancellationToken: cancellationToken))).ToList();

    public async Task<StoredLetter?> FindAsync(long ledgerId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredLetter>(new CommandDefinition(ByLedgerId, new { Id = ledgerId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<StoredLetter>> OfSendKeyAsync(string sendKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await OfSendKeyAsync(connection, null, sendKey, cancellationToken);
    }

    /// <summary>True when serve's runner has a row to send (or a dead runner's row to settle).</summary>
    public async Task<bool> AnyDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(AnyDue, new { Now = UtcText.From(now) }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// The newest send key among <paramref name="baseKey"/> and its generations <c>baseKey#N</c>, with when it was
    /// recorded; null when none exists. <paramref name="baseKey"/> must not contain <c>#</c>.
    /// </summary>
    public async Task<(string SendKey, DateTimeOffset CreatedAt)?> LatestGenerationAsync(string baseKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string SendKey, string CreatedAt)?>(new CommandDefinition(
            LatestGeneration, new { Base = baseKey, Low = baseKey + "#", High = baseKey + "$" }, cancellationToken: cancellationToken));
        return row is { } found ? (found.SendKey, UtcText.Parse(found.CreatedAt)) : null;
    }
}
