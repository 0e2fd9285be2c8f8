using System.Data.Common;
using Connector.Store;
using Dapper;

namespace Connector.Scenarios;

/// <summary>
/// Enrollments, their due steps and their sends (migration 0021): the only writer of <c>scenario_enrollments</c>,
/// <c>scenario_due</c> and <c>scenario_sends</c>. Entering is one transaction per pass: the enrollments, their first due
/// steps, the advanced cursor and the late count together, so a trigger is acted on exactly once. Aspects live in
/// EnrollmentStore.*.cs (triggers, claims, facts).
/// </summary>
public sealed partial class EnrollmentStore(SqliteConnectionFactory connections, TimeProvider time)
{
    private const string Active = """
        SELECT COUNT(*) FROM scenario_enrollments
        WHERE scenario_id = @ScenarioId AND subject_kind = @Kind AND subject_id = @Subject AND state = 'active'
        """;

    private const string LastEntered = """
        SELECT MAX(entered_at) FROM scenario_enrollments WHERE scenario_id = @ScenarioId AND subject_kind = @Kind AND subject_id = @Subject
        """;

    private const string InsertEnrollment = """
        INSERT INTO scenario_enrollments (scenario_id, version, portal_id, subject_kind, subject_id, contact_id, deal_id, entry_key, state, step, entered_at, created_at, updated_at)
        VALUES (@ScenarioId, @Version, @PortalId, @Kind, @Subject, @ContactId, @DealId, @EntryKey, 'active', @Step, @EnteredAt, @Now, @Now)
        ON CONFLICT (scenario_id, subject_kind, subject_id, entry_key) DO NOTHING
        RETURNING id
        """;

    private const string InsertDue = """
        INSERT INTO scenario_due (enrollment_id, scenario_id, step, due_at) VALUES (@Id, @ScenarioId, @Step, @Now)
        """;

    /// <summary>
    /// Reads the triggers after the scenario's cursors (or the scan trigger's occurrences) and enters those on time, within
    /// one transaction; with <paramref name="commit"/> false (dry-run) the same work is rolled back, so the answer is
    /// exactly what a pass would do.
    /// </summary>
    public Task<EnrollResult> EnrollAsync(ScenarioRow scenario, ScenarioDefinition version, bool commit, CancellationToken cancellationToken) =>
        EnrollAsync(scenario, version, TriggerScan.None, commit, cancellationToken);

    /// <inheritdoc cref="EnrollAsync(ScenarioRow, ScenarioDefinition, bool, CancellationToken)"/>
    public async Task<EnrollResult> EnrollAsync(ScenarioRow scenario, ScenarioDefinition version, TriggerScan scan, bool commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(scan);
        var now = time.GetUtcNow();
        var nowText = UtcText.From(now);
        var oldest = UtcText.From(now - version.MaxLateness);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var scans = version.Trigger.Scans;
        var (candidates, cursors) = scans
            ? (await ScanAsync(connection, transaction, scenario, version, scan, now, cancellationToken), (Transitions: scenario.TransitionCursor, Deals: scenario.DealCursor, Contacts: scenario.ContactCursor))
            : await CandidatesAsync(connection, transaction, scenario, version.Trigger, cancellationToken);
        var kind = version.Trigger.EnrollsDeals ? "deal" : "contact";
        var (entered, late, reEntry, active) = (0, 0, 0, 0);
        var sample = new List<TriggerCandidate>();
        foreach (var candidate in candidates)
        {
            var outcome = await EnterAsync(connection, transaction, scenario, version, kind, candidate, oldest, nowText, cancellationToken);
            _ = outcome switch
            {
                "late" => late++,
                "active" => active++,
                "re_entry" => reEntry++,
                _ => entered++,
            };
            if (outcome == "entered" && sample.Count < 100)
            {
                sample.Add(candidate);
            }

            // A scan finds the same occurrence on every pass: recording what came of it makes it act (or count) once.
            if (scans)
            {
                await RecordOccurrenceAsync(connection, transaction, scenario.Id, candidate, outcome, nowText, cancellationToken);
            }
        }

        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE scenarios SET transition_cursor = @Transitions, deal_cursor = @Deals, contact_cursor = @Contacts, skipped_late = skipped_late + @Late,
                scan_at = CASE WHEN @Scans THEN @Now ELSE scan_at END
            WHERE id = @Id
            """, new { scenario.Id, cursors.Transitions, cursors.Deals, cursors.Contacts, Late = late, Scans = scans, Now = nowText }, transaction, cancellationToken: cancellationToken));
        if (commit)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken);
        }

        return new EnrollResult { Entered = entered, SkippedLate = late, SkippedReEntry = reEntry, SkippedActive = active, Sample = sample };
    }

    /// <summary>Enters one candidate, or says why not: entered, late, active (still enrolled) or re_entry.</summary>
    private static async Task<string> EnterAsync(DbConnection connection, DbTransaction transaction, ScenarioRow scenario, ScenarioDefinition version,
        string kind, TriggerCandidate candidate, string oldest, string nowText, CancellationToken cancellationToken)
    {
        CommandDefinition Cmd(string sql, object args) => new(sql, args, transaction, cancellationToken: cancellationToken);
        var subject = new { ScenarioId = scenario.Id, Kind = kind, Subject = candidate.SubjectId };
        if (string.CompareOrdinal(candidate.OccurredAt, oldest) < 0)
        {
            return "late";
        }

        // Once per subject: the 'once' key is already taken by any earlier enrollment, active or not.
        if (version.ReEntry.Mode != ReEntryMode.Once && await connection.ExecuteScalarAsync<long>(Cmd(Active, subject)) > 0)
        {
            return "active";
        }

        if (version.ReEntry is { Mode: ReEntryMode.AtMostOncePer, Period: { } period }
            && await connection.ExecuteScalarAsync<string?>(Cmd(LastEntered, subject)) is { } last
            && string.CompareOrdinal(last, UtcText.From(UtcText.Parse(candidate.OccurredAt) - period)) > 0)
        {
            return "re_entry";
        }

        var id = await connection.QuerySingleOrDefaultAsync<long?>(Cmd(InsertEnrollment, new
        {
            ScenarioId = scenario.Id, Version = (int)scenario.EntryVersion, scenario.PortalId, Kind = kind, Subject = candidate.SubjectId,
            candidate.ContactId, candidate.DealId, EntryKey = version.ReEntry.Mode == ReEntryMode.Once ? "once" : candidate.Source,
            Step = version.Steps[0].Id, EnteredAt = candidate.OccurredAt, Now = nowText,
        }));
        if (id is not { } enrollment)
        {
            return "re_entry";
        }

        await connection.ExecuteAsync(Cmd(InsertDue, new { Id = enrollment, ScenarioId = scenario.Id, Step = version.Steps[0].Id, Now = nowText }));
        return "entered";
    }

    private static async Task<long> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, object args, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, args, transaction, cancellationToken: cancellationToken));
}
