using System.Globalization;
using System.Text.Json;
using Connector.Campaigns.Experiments;
using Connector.Store;
using Dapper;

namespace Connector.Campaigns.Broadcasts;

/// <summary>The one writer of <c>campaigns</c>, <c>campaign_variants</c> and <c>campaign_recipients</c> (0023), and their reads.</summary>
public sealed class CampaignStore(SqliteConnectionFactory connections, TimeProvider time)
{
    public const string NoVariant = "";

    private const string Columns = """
        SELECT id AS Id, portal_id AS PortalId, name AS Name, template_name AS TemplateName, segment_name AS SegmentName,
               segment_expression AS SegmentExpression, state AS State, phase AS Phase, launch_at AS LaunchAt, local_at AS LocalAt,
               window_start AS WindowStart, window_end AS WindowEnd, local_time AS LocalTime, expire_after_seconds AS ExpireAfterSeconds,
               mode AS Mode, winner_by AS WinnerBy, test_share AS TestShare, test_wait_seconds AS TestWaitSeconds, wave_share AS WaveShare,
               wave_every_seconds AS WaveEverySeconds, send_time_optimised AS SendTimeOptimised, next_step_at AS NextStepAt,
               audience AS Audience, winner AS Winner, verdict AS Verdict, created_at AS CreatedAt, updated_at AS UpdatedAt
        FROM campaigns
        """;

    // ix_campaigns_due: the scheduled and running campaigns by their next step.
    internal const string Due = Columns + " WHERE state IN ('scheduled', 'running') AND next_step_at <= @Now ORDER BY next_step_at, id";

    // The primary key (campaign, position) from the page cursor on.
    internal const string Unqueued = """
        SELECT position AS Position, contact_id AS ContactId, variant AS Variant FROM campaign_recipients
        WHERE campaign_id = @Id AND position > @After AND ledger_id IS NULL AND refused IS NULL AND (@Below IS NULL OR position < @Below)
        ORDER BY position LIMIT @Limit
        """;

    private const string Insert = """
        INSERT INTO campaigns (portal_id, name, template_name, segment_name, segment_expression, state, phase, launch_at, local_at, window_start, window_end,
                               local_time, expire_after_seconds, mode, winner_by, test_share, test_wait_seconds, wave_share, wave_every_seconds,
                               send_time_optimised, next_step_at, created_at, updated_at)
        VALUES (@PortalId, @Name, @TemplateName, @SegmentName, @SegmentExpression, 'scheduled', 'pending', @LaunchAt, @LocalAt, @WindowStart, @WindowEnd,
                @LocalTime, @ExpireAfterSeconds, @Mode, @WinnerBy, @TestShare, @TestWaitSeconds, @WaveShare, @WaveEverySeconds,
                @SendTimeOptimised, @LaunchAt, @Now, @Now)
        RETURNING id
        """;

    private const string InsertVariant = "INSERT INTO campaign_variants (campaign_id, name, position, template_name, subject, from_address, from_name) VALUES (@CampaignId, @Name, @Position, @TemplateName, @Subject, @FromAddress, @FromName)";

    private const string InsertRecipient = "INSERT OR IGNORE INTO campaign_recipients (campaign_id, position, contact_id) VALUES (@CampaignId, @Position, @ContactId)";

    // Per variant: the queued rows' ledger states, bounces and human hits (ix_engagement_hits_ledger).
    internal const string Stats = """
        SELECT COALESCE(r.variant, '') AS Variant, COUNT(*) AS Queued,
               SUM(CASE WHEN l.state = 'sent' THEN 1 ELSE 0 END) AS Sent,
               SUM(CASE WHEN l.state = 'sent' AND NOT EXISTS (SELECT 1 FROM bounce_events b WHERE b.ledger_id = l.id AND b.kind = 'hard') THEN 1 ELSE 0 END) AS Delivered,
               SUM(EXISTS (SELECT 1 FROM engagement_hits h WHERE h.ledger_id = l.id AND h.kind = 'open' AND h.machine = 0)) AS Opens,
               SUM(EXISTS (SELECT 1 FROM engagement_hits h WHERE h.ledger_id = l.id AND h.kind = 'click' AND h.machine = 0)) AS Clicks
        FROM campaign_recipients r JOIN send_ledger l ON l.id = r.ledger_id
        WHERE r.campaign_id = @Id AND (@Positions IS NULL OR r.position < @Positions)
        GROUP BY COALESCE(r.variant, '') ORDER BY 1
        """;

    private const string LedgerStates = """
        SELECT l.state AS State, COUNT(*) AS Count FROM send_ledger l WHERE l.send_key = @SendKey GROUP BY l.state ORDER BY l.state
        """;

    public static string SendKeyOf(long id) => "scheduled-campaign:" + id.ToString(CultureInfo.InvariantCulture);

    public async Task<long> CreateAsync(CampaignDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        using var writing = connections.WriteGate.Enter(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(Insert, new
        {
            draft.PortalId, draft.Name, draft.TemplateName, draft.SegmentName, draft.SegmentExpression, LaunchAt = UtcText.From(draft.LaunchAt),
            LocalAt = draft.LocalAt?.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            WindowStart = draft.Window?.Start.ToString("HH:mm", CultureInfo.InvariantCulture), WindowEnd = draft.Window?.End.ToString("HH:mm", CultureInfo.InvariantCulture),
            LocalTime = draft.LocalTime ? 1 : 0, ExpireAfterSeconds = (long?)draft.ExpireAfter?.TotalSeconds, draft.Mode, draft.WinnerBy, draft.TestShare,
            TestWaitSeconds = (long?)draft.TestWait?.TotalSeconds, draft.WaveShare, WaveEverySeconds = (long?)draft.WaveEvery?.TotalSeconds,
            SendTimeOptimised = draft.SendTimeOptimised ? 1 : 0, Now = UtcText.From(time.GetUtcNow()),
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertVariant, draft.Variants.Select((v, i) => new { CampaignId = id, v.Name, Position = i, v.TemplateName, v.Subject, v.FromAddress, v.FromName }),
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<CampaignRow?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CampaignRow>(new CommandDefinition(Columns + " WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<CampaignRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<CampaignRow>(new CommandDefinition(Columns + " ORDER BY id", cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>One portal's campaigns, the newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<CampaignRow>> ListAsync(long portalId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<CampaignRow>(new CommandDefinition(Columns + " WHERE portal_id = @Portal ORDER BY id DESC LIMIT @Limit",
            new { Portal = portalId, Limit = limit }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Scheduled or running campaigns whose next step is due (ix_campaigns_due).</summary>
    public async Task<IReadOnlyList<CampaignRow>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<CampaignRow>(new CommandDefinition(Due,
            new { Now = UtcText.From(now) }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<CampaignVariant>> VariantsAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<CampaignVariant>(new CommandDefinition(
            "SELECT name AS Name, template_name AS TemplateName, subject AS Subject, from_address AS FromAddress, from_name AS FromName FROM campaign_variants WHERE campaign_id = @Id ORDER BY position",
            new { Id = id }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>
    /// The launch: the audience in its fixed order, the state running and the first phase, in one transaction (so a
    /// crash leaves the campaign scheduled and the next pass resolves it again); false when it was no longer scheduled.
    /// </summary>
    public async Task<bool> LaunchAsync(long id, IReadOnlyList<long> orderedContacts, string phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orderedContacts);
        var now = UtcText.From(time.GetUtcNow());
        using var writing = connections.WriteGate.Enter(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE campaigns SET state = 'running', phase = @Phase, audience = @Audience, next_step_at = @Now, updated_at = @Now WHERE id = @Id AND state = 'scheduled'",
            new { Id = id, Phase = phase, Audience = orderedContacts.Count, Now = now }, transaction, cancellationToken: cancellationToken));
        if (changed == 1)
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertRecipient, orderedContacts.Select((c, i) => new { CampaignId = id, Position = i, ContactId = c }),
                transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return changed == 1;
    }

    /// <summary>
    /// Recipients not queued yet (and not refused) in order, after <paramref name="afterPosition"/> (a page cursor, so a
    /// launch never re-walks the queued part of the primary key) and below <paramref name="belowPosition"/> when given.
    /// </summary>
    public async Task<IReadOnlyList<CampaignRecipient>> UnqueuedAsync(long id, long? belowPosition, int limit, CancellationToken cancellationToken, long afterPosition = -1)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<CampaignRecipient>(new CommandDefinition(Unqueued, new { Id = id, Below = belowPosition, Limit = limit, After = afterPosition }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>What the queue did with each recipient: its ledger row or why it was refused, and the variant it got.</summary>
    public async Task RecordAsync(long id, IReadOnlyList<(long Position, string? Variant, long? LedgerId, string? Refused)> rows, CancellationToken cancellationToken)
    {
        using var writing = connections.WriteGate.Enter(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE campaign_recipients SET variant = @Variant, ledger_id = @LedgerId, refused = @Refused WHERE campaign_id = @Id AND position = @Position",
            rows.Select(r => new { Id = id, r.Position, r.Variant, r.LedgerId, r.Refused }), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task SetPhaseAsync(long id, string phase, DateTimeOffset? nextStepAt, CancellationToken cancellationToken, string? winner = null, WinnerVerdict? verdict = null)
    {
        using var writing = connections.WriteGate.Enter(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE campaigns SET phase = @Phase, next_step_at = @Next, winner = COALESCE(@Winner, winner), verdict = COALESCE(@Verdict, verdict), updated_at = @Now
            WHERE id = @Id
            """, new
        {
            Id = id, Phase = phase, Next = UtcText.From(nextStepAt), Winner = winner,
            Verdict = verdict is null ? null : JsonSerializer.Serialize(verdict), Now = UtcText.From(time.GetUtcNow()),
        }, cancellationToken: cancellationToken));
    }

    /// <summary>Moves the state when it is one of <paramref name="from"/>; false when it was not.</summary>
    public async Task<bool> SetStateAsync(long id, string state, IReadOnlyList<string> from, CancellationToken cancellationToken)
    {
        using var writing = connections.WriteGate.Enter(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE campaigns SET state = @State, updated_at = @Now WHERE id = @Id AND state IN (SELECT value FROM json_each(@From))",
            new { Id = id, State = state, From = JsonSerializer.Serialize(from), Now = UtcText.From(time.GetUtcNow()) }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Per variant, over the recipients below <paramref name="belowPosition"/> (the test group) or all.</summary>
    public async Task<IReadOnlyList<CampaignVariantStats>> StatsAsync(long id, long? belowPosition, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<CampaignVariantStats>(new CommandDefinition(Stats, new { Id = id, Positions = belowPosition }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>The campaign's ledger rows by state, and how many recipients the queue refused by reason.</summary>
    public async Task<(IReadOnlyDictionary<string, long> Ledger, IReadOnlyDictionary<string, long> Refused)> OutcomesAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var ledger = (await connection.QueryAsync<(string State, long Count)>(new CommandDefinition(LedgerStates, new { SendKey = SendKeyOf(id) }, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.State, r => r.Count, StringComparer.Ordinal);
        var refused = (await connection.QueryAsync<(string Reason, long Count)>(new CommandDefinition(
            "SELECT refused, COUNT(*) FROM campaign_recipients WHERE campaign_id = @Id AND refused IS NOT NULL GROUP BY refused ORDER BY refused",
            new { Id = id }, cancellationToken: cancellationToken))).ToDictionary(r => r.Reason, r => r.Count, StringComparer.Ordinal);
        return (ledger, refused);
    }

    /// <summary>
    /// The recipients queued onto another recipient's letter: the ledger holds one letter a send and address, so a contact
    /// whose address an earlier contact of the campaign has too gets no letter of its own.
    /// </summary>
    public async Task<long> SharedAddressesAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(ledger_id) - COUNT(DISTINCT ledger_id) FROM campaign_recipients WHERE campaign_id = @Id",
            new { Id = id }, cancellationToken: cancellationToken));
    }

    /// <summary>Custom fields of the given contacts (for their zones), by contact id.</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyDictionary<string, IReadOnlyList<string>>>> ContactFieldsAsync(long portalId, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string? Fields)>(new CommandDefinition(
            "SELECT crm_id, custom_fields FROM contacts WHERE portal_id = @PortalId AND crm_id IN (SELECT value FROM json_each(@Ids))",
            new { PortalId = portalId, Ids = JsonSerializer.Serialize(ids) }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Id, r => CustomFieldsJson.Read(r.Fields));
    }
}
