using System.Data.Common;
using System.Globalization;
using Connector.Store;
using Dapper;

namespace Connector.Scenarios;

public sealed partial class EnrollmentStore
{
    private const string Semantic = "COALESCE(d.stage_semantic, (SELECT st.semantic FROM stages st WHERE st.portal_id = d.portal_id AND st.stage_id = d.stage_id))";

    private const string FirstContact = "(SELECT x.contact_id FROM deal_contacts x WHERE x.portal_id = d.portal_id AND x.deal_id = d.crm_id ORDER BY x.position LIMIT 1)";

    // Idle since the deal's last stage change: its newest recorded transition or the stage's moved_at, whichever is later.
    // Without a stage, only open deals (a won or lost deal is not "idle").
    private const string IdleDeals = $"""
        SELECT SubjectId, DealId, ContactId, Since FROM (
            SELECT d.crm_id AS SubjectId, d.crm_id AS DealId, {FirstContact} AS ContactId,
                   COALESCE(NULLIF(MAX(COALESCE((SELECT MAX(t.occurred_at) FROM stage_transitions t WHERE t.portal_id = d.portal_id AND t.deal_id = d.crm_id), ''),
                                       COALESCE(d.moved_at, '')), ''), d.created_at, d.synced_at) AS Since
            FROM deals d
            WHERE d.portal_id = @PortalId AND d.deleted = 0 AND d.pipeline_id = @Pipeline
              AND ((@Stage IS NULL AND {Semantic} = 'P') OR d.stage_id = @Stage))
        WHERE Since <= @Before AND Since >= @From
        ORDER BY SubjectId
        """;

    // A lapse: the contact has won deals (any of its deals' contacts), the newest won longer ago than the trigger's days.
    private const string Lapsed = $"""
        SELECT SubjectId, NULL AS DealId, ContactId, Since FROM (
            SELECT x.contact_id AS SubjectId, x.contact_id AS ContactId, MAX(COALESCE(d.moved_at, d.modified_at, d.created_at, d.synced_at)) AS Since
            FROM deals d
            JOIN deal_contacts x ON x.portal_id = d.portal_id AND x.deal_id = d.crm_id
            JOIN contacts c ON c.portal_id = x.portal_id AND c.crm_id = x.contact_id AND c.deleted = 0
            WHERE d.portal_id = @PortalId AND d.deleted = 0 AND {Semantic} = 'S'
            GROUP BY x.contact_id)
        WHERE Since <= @Before AND Since >= @From
        ORDER BY SubjectId
        """;

    private const string ContactsWithField = """
        SELECT c.crm_id AS Id, c.custom_fields AS Fields, c.crm_id AS ContactId, c.custom_fields AS ContactFields
        FROM contacts c WHERE c.portal_id = @PortalId AND c.deleted = 0 AND instr(c.custom_fields, @Quoted) > 0 ORDER BY c.crm_id
        """;

    private const string DealsWithField = $"""
        SELECT d.crm_id AS Id, d.custom_fields AS Fields, {FirstContact} AS ContactId,
               (SELECT c.custom_fields FROM contacts c WHERE c.portal_id = d.portal_id AND c.crm_id = {FirstContact}) AS ContactFields
        FROM deals d WHERE d.portal_id = @PortalId AND d.deleted = 0 AND instr(d.custom_fields, @Quoted) > 0 ORDER BY d.crm_id
        """;

    private const string OccurrenceSeen = "SELECT COUNT(*) FROM scenario_occurrences WHERE scenario_id = @ScenarioId AND occurrence_key = @Key";

    private const string InsertOccurrence = """
        INSERT INTO scenario_occurrences (scenario_id, occurrence_key, outcome, occurred_at, found_at) VALUES (@ScenarioId, @Key, @Outcome, @OccurredAt, @Now)
        ON CONFLICT (scenario_id, occurrence_key) DO NOTHING
        """;

    private const string SegmentBaseline = "segment:baseline";

    /// <summary>
    /// The occurrences of a scan trigger due by <paramref name="now"/> and not yet acted on: each with its occurrence key
    /// (<c>idle:{deal}:{since}</c>, <c>date:{subject}:{date}</c>, <c>lapse:{contact}:{last won}</c>, <c>seg:{contact}:{pass}</c>)
    /// as its <see cref="TriggerCandidate.Source"/>. The pass looks back from its previous run by max_lateness and a day, and
    /// never before the scenario's import, so a scenario acts on what happens from its import on.
    /// </summary>
    private static async Task<List<TriggerCandidate>> ScanAsync(DbConnection connection, DbTransaction transaction, ScenarioRow scenario,
        ScenarioDefinition version, TriggerScan scan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var trigger = version.Trigger;
        var scanFrom = UtcText.Parse(scenario.ScanFrom);
        var previous = scenario.ScanAt is { } at ? UtcText.Parse(at) : scanFrom;
        var from = Max(scanFrom, previous - version.MaxLateness - TimeSpan.FromDays(1));
        CommandDefinition Cmd(string sql, object args) => new(sql, args, transaction, cancellationToken: cancellationToken);
        List<TriggerCandidate> found;
        switch (trigger.Kind)
        {
            case TriggerKind.DealIdle or TriggerKind.NoWonDeal:
                var days = TimeSpan.FromDays(trigger.Days ?? 0);
                var rows = await connection.QueryAsync<(long SubjectId, long? DealId, long? ContactId, string Since)>(Cmd(
                    trigger.Kind == TriggerKind.DealIdle ? IdleDeals : Lapsed,
                    new { scenario.PortalId, trigger.Pipeline, trigger.Stage, Before = UtcText.From(now - days), From = UtcText.From(from - days) }));
                var prefix = trigger.Kind == TriggerKind.DealIdle ? "idle" : "lapse";
                found = rows.Select(r => new TriggerCandidate
                {
                    SubjectId = r.SubjectId, DealId = r.DealId, ContactId = r.ContactId,
                    OccurredAt = UtcText.From(UtcText.Parse(r.Since) + days), Source = $"{prefix}:{r.SubjectId}:{r.Since}",
                }).ToList();
                break;
            case TriggerKind.DateField:
                found = await DateOccurrencesAsync(connection, transaction, scenario.PortalId, trigger, scan, from, now, cancellationToken);
                break;
            default:
                found = await SegmentEntriesAsync(connection, transaction, scenario.Id, scan.SegmentMembers, now, cancellationToken);
                break;
        }

        var fresh = new List<TriggerCandidate>(found.Count);
        foreach (var candidate in found)
        {
            if (await connection.ExecuteScalarAsync<long>(Cmd(OccurrenceSeen, new { ScenarioId = scenario.Id, Key = candidate.Source })) == 0)
            {
                fresh.Add(candidate);
            }
        }

        return fresh;
    }

    private static Task<int> RecordOccurrenceAsync(DbConnection connection, DbTransaction transaction, long scenarioId, TriggerCandidate candidate, string outcome, string now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(InsertOccurrence, new { ScenarioId = scenarioId, Key = candidate.Source, Outcome = outcome, candidate.OccurredAt, Now = now },
            transaction, cancellationToken: cancellationToken));

    private static async Task<List<TriggerCandidate>> DateOccurrencesAsync(DbConnection connection, DbTransaction transaction, long portalId,
        ScenarioTrigger trigger, TriggerScan scan, DateTimeOffset from, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (scope, code) = (trigger.Field![..trigger.Field!.IndexOf('.', StringComparison.Ordinal)], trigger.Field[(trigger.Field.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        var rows = await connection.QueryAsync<DateFieldRow>(new CommandDefinition(scope == "deal" ? DealsWithField : ContactsWithField,
            new { PortalId = portalId, Quoted = $"\"{code}\"" }, transaction, cancellationToken: cancellationToken));
        var found = new List<TriggerCandidate>();
        foreach (var row in rows)
        {
            if (!CustomFieldsJson.Read(row.Fields).TryGetValue(code, out var values) || values.Count == 0 || ParseDate(values[0]) is not { } date)
            {
                continue;
            }

            var zone = ContactTimeZones.Resolve(CustomFieldsJson.Read(row.ContactFields), scan.TimeZoneField, scan.PortalZone, scan.DefaultZone);
            var dates = trigger.EveryYear
                ? Enumerable.Range(now.UtcDateTime.Year - 1, 3).Select(year => Anniversary(date, year))
                : [date];
            foreach (var day in dates)
            {
                var fireAt = LocalToUtc(day.ToDateTime(trigger.At ?? new TimeOnly(9, 0)) + (trigger.Offset ?? TimeSpan.Zero), zone);
                if (fireAt <= now && fireAt >= from)
                {
                    found.Add(new TriggerCandidate
                    {
                        SubjectId = row.Id, DealId = scope == "deal" ? row.Id : null, ContactId = row.ContactId, OccurredAt = UtcText.From(fireAt),
                        Source = $"date:{row.Id}:{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
                    });
                }
            }
        }

        return found;
    }

    // Entry, not membership: the first pass remembers who matches without entering them; later passes enter the newcomers
    // and forget who left (so leaving and coming back is a new entry).
    private static async Task<List<TriggerCandidate>> SegmentEntriesAsync(DbConnection connection, DbTransaction transaction, long scenarioId,
        IReadOnlyCollection<long>? members, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (members is null)
        {
            return [];
        }

        CommandDefinition Cmd(string sql, object args) => new(sql, args, transaction, cancellationToken: cancellationToken);
        var nowText = UtcText.From(now);
        var remembered = (await connection.QueryAsync<long>(Cmd("SELECT contact_id FROM scenario_segment_members WHERE scenario_id = @Id", new { Id = scenarioId }))).ToHashSet();
        var current = members.ToHashSet();
        var baseline = await connection.ExecuteScalarAsync<long>(Cmd(OccurrenceSeen, new { ScenarioId = scenarioId, Key = SegmentBaseline })) == 0;
        var left = remembered.Where(id => !current.Contains(id)).ToList();
        var entered = current.Where(id => !remembered.Contains(id)).Order().ToList();
        await connection.ExecuteAsync(Cmd("DELETE FROM scenario_segment_members WHERE scenario_id = @Id AND contact_id = @Contact",
            left.Select(id => new { Id = scenarioId, Contact = id }).ToList()));
        await connection.ExecuteAsync(Cmd("INSERT INTO scenario_segment_members (scenario_id, contact_id, since) VALUES (@Id, @Contact, @Now)",
            entered.Select(id => new { Id = scenarioId, Contact = id, Now = nowText }).ToList()));
        if (baseline)
        {
            await connection.ExecuteAsync(Cmd(InsertOccurrence, new { ScenarioId = scenarioId, Key = SegmentBaseline, Outcome = "baseline", OccurredAt = nowText, Now = nowText }));
            return [];
        }

        return entered.Select(id => new TriggerCandidate { SubjectId = id, ContactId = id, OccurredAt = nowText, Source = $"seg:{id}:{nowText}" }).ToList();
    }

    /// <summary>A custom field's date: <c>2025-03-14</c>, <c>2025-03-14T00:00:00+03:00</c> (the date part) or <c>14.03.2025</c>.</summary>
    public static DateOnly? ParseDate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length >= 10 && DateOnly.TryParseExact(trimmed[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
        {
            return iso;
        }

        return DateOnly.TryParseExact(trimmed, "dd.MM.yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dotted) ? dotted : null;
    }

    /// <summary>The date's anniversary in <paramref name="year"/>; 29 February is the 28th in other years.</summary>
    public static DateOnly Anniversary(DateOnly date, int year) =>
        new(year, date.Month, Math.Min(date.Day, DateTime.DaysInMonth(year, date.Month)));

    private static DateTimeOffset LocalToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A local time skipped by a clock change (02:30 on a spring-forward night) fires an hour later.
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, zone), TimeSpan.Zero);
    }

    /// <summary>The portal's zone as Sync stored it (<c>portals.time_zone</c>: an id or a fixed offset), null when unknown.</summary>
    public async Task<string?> PortalTimeZoneAsync(long portalId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT time_zone FROM portals WHERE id = @Id", new { Id = portalId }, cancellationToken: cancellationToken));
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
