using System.Data.Common;
using System.Text.Json;
using Connector.Store;
using Dapper;

namespace Connector.Scenarios;

/// <summary>
/// Scenarios and their versions (migration 0021): the only writer of <c>scenarios</c> and <c>scenario_versions</c>.
/// An import of a known name adds a version (running enrollments stay on theirs); a new scenario's trigger cursors
/// start at the mirror's present, so it acts on what happens from its import on, not on the CRM's history.
/// </summary>
public sealed class ScenarioStore(SqliteConnectionFactory connections, TimeProvider time)
{
    private const string Columns = """
        s.id AS Id, s.portal_id AS PortalId, s.name AS Name, s.state AS State, s.state_reason AS StateReason, s.current_version AS CurrentVersion,
        s.pinned_version AS PinnedVersion, COALESCE(s.scan_from, s.created_at) AS ScanFrom, s.scan_at AS ScanAt,
        s.transition_cursor AS TransitionCursor, s.deal_cursor AS DealCursor, s.contact_cursor AS ContactCursor, s.skipped_late AS SkippedLate,
        (SELECT COUNT(*) FROM scenario_enrollments e WHERE e.scenario_id = s.id) AS Enrolled,
        (SELECT COUNT(*) FROM scenario_enrollments e WHERE e.scenario_id = s.id AND e.state = 'active') AS Active,
        (SELECT COUNT(*) FROM scenario_enrollments e WHERE e.scenario_id = s.id AND e.state = 'completed') AS Completed,
        (SELECT COUNT(*) FROM scenario_enrollments e WHERE e.scenario_id = s.id AND e.state = 'exited') AS Exited
        """;

    private const string Present = """
        SELECT (SELECT COALESCE(MAX(id), 0) FROM stage_transitions) AS Transitions,
               (SELECT COALESCE(MAX(rowid), 0) FROM deals) AS Deals,
               (SELECT COALESCE(MAX(rowid), 0) FROM contacts) AS Contacts
        """;

    private const string InsertScenario = """
        INSERT INTO scenarios (portal_id, name, state, current_version, transition_cursor, deal_cursor, contact_cursor, scan_from, created_at, updated_at)
        VALUES (@PortalId, @Name, 'active', 1, @Transitions, @Deals, @Contacts, @Now, @Now, @Now) RETURNING id
        """;

    private const string InsertVersion = """
        INSERT INTO scenario_versions (scenario_id, version, source, definition, created_at) VALUES (@Id, @Version, @Source, @Definition, @Now)
        """;

    private const string CurrentDefinition = """
        SELECT v.definition FROM scenarios s JOIN scenario_versions v ON v.scenario_id = s.id AND v.version = s.current_version WHERE s.id = @Id
        """;

    public async Task<ScenarioImport> ImportAsync(long portalId, ScenarioDefinition definition, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var now = UtcText.From(time.GetUtcNow());
        var json = JsonSerializer.Serialize(definition, ScenarioDefinition.Json);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        CommandDefinition Cmd(string sql, object? args = null) => new(sql, args, transaction, cancellationToken: cancellationToken);
        var existing = await connection.QuerySingleOrDefaultAsync<long?>(Cmd(
            "SELECT id FROM scenarios WHERE portal_id = @PortalId AND name = @Name", new { PortalId = portalId, definition.Name }));
        ScenarioImport result;
        if (existing is not { } id)
        {
            var present = await connection.QuerySingleAsync<(long Transitions, long Deals, long Contacts)>(Cmd(Present));
            id = await connection.ExecuteScalarAsync<long>(Cmd(InsertScenario, new
            {
                PortalId = portalId, definition.Name, present.Transitions, present.Deals, present.Contacts, Now = now,
            }));
            result = new ScenarioImport(id, 1, NewVersion: true, NewScenario: true);
        }
        else if (await connection.QuerySingleOrDefaultAsync<string?>(Cmd(CurrentDefinition, new { Id = id })) == json)
        {
            return new ScenarioImport(id, await CurrentVersionAsync(connection, transaction, id, cancellationToken), NewVersion: false, NewScenario: false);
        }
        else
        {
            var version = await CurrentVersionAsync(connection, transaction, id, cancellationToken) + 1;
            await connection.ExecuteAsync(Cmd("UPDATE scenarios SET current_version = @Version, updated_at = @Now WHERE id = @Id", new { Id = id, Version = version, Now = now }));
            result = new ScenarioImport(id, version, NewVersion: true, NewScenario: false);
        }

        await connection.ExecuteAsync(Cmd(InsertVersion, new { Id = result.ScenarioId, result.Version, Source = source, Definition = json, Now = now }));
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public async Task<IReadOnlyList<ScenarioRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ScenarioRow>(new CommandDefinition($"SELECT {Columns} FROM scenarios s ORDER BY s.id", cancellationToken: cancellationToken))).ToList();
    }

    public async Task<ScenarioRow?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ScenarioRow>(new CommandDefinition(
            $"SELECT {Columns} FROM scenarios s WHERE s.id = @Id", new { Id = id }, cancellationToken: cancellationToken));
    }

    /// <summary>The portal's scenario of that name (explicit entries name it), or null.</summary>
    public async Task<ScenarioRow?> FindByNameAsync(long portalId, string name, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ScenarioRow>(new CommandDefinition(
            $"SELECT {Columns} FROM scenarios s WHERE s.portal_id = @PortalId AND s.name = @Name", new { PortalId = portalId, Name = name }, cancellationToken: cancellationToken));
    }

    /// <summary>A stored version's definition (and the file it was imported from); null when there is no such version.</summary>
    public async Task<(ScenarioDefinition Definition, string Source)?> VersionAsync(long id, long version, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ScenarioVersionRow>(new CommandDefinition(
            "SELECT definition AS Definition, source AS Source FROM scenario_versions WHERE scenario_id = @Id AND version = @Version", new { Id = id, Version = version }, cancellationToken: cancellationToken));
        return row is null ? null : (JsonSerializer.Deserialize<ScenarioDefinition>(row.Definition, ScenarioDefinition.Json)!, row.Source);
    }

    /// <summary>Pauses (due steps wait, no one enters) or resumes an active/paused scenario; false when it is not in a state that allows it.</summary>
    public async Task<bool> SetStateAsync(long id, string from, string to, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE scenarios SET state = @To, state_reason = NULL, updated_at = @Now WHERE id = @Id AND state = @From",
            new { Id = id, From = from, To = to, Now = UtcText.From(time.GetUtcNow()) }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Pins the version new enrollments start on (null: the latest); false when there is no such version.</summary>
    public async Task<bool> PinAsync(long id, long? version, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE scenarios SET pinned_version = @Version, updated_at = @Now
            WHERE id = @Id AND (@Version IS NULL OR EXISTS (SELECT 1 FROM scenario_versions v WHERE v.scenario_id = @Id AND v.version = @Version))
            """, new { Id = id, Version = version, Now = UtcText.From(time.GetUtcNow()) }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// The scenario pauses itself: what it leans on (a template, stage, pipeline or segment) is gone. True only the first
    /// time (active → paused), so the caller logs it once; the reason shows in scenario list.
    /// </summary>
    public async Task<bool> PauseItselfAsync(long id, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE scenarios SET state = 'paused', state_reason = @Reason, updated_at = @Now WHERE id = @Id AND state = 'active'",
            new { Id = id, Reason = reason, Now = UtcText.From(time.GetUtcNow()) }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Stops a scenario: every active enrollment exits ('stopped'), its due steps go, no one enters until it is resumed.</summary>
    public async Task<int> StopAsync(long id, CancellationToken cancellationToken)
    {
        var now = UtcText.From(time.GetUtcNow());
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        CommandDefinition Cmd(string sql) => new(sql, new { Id = id, Now = now }, transaction, cancellationToken: cancellationToken);
        await connection.ExecuteAsync(Cmd("UPDATE scenarios SET state = 'stopped', state_reason = 'stopped by crm-esp scenario stop', updated_at = @Now WHERE id = @Id"));
        await connection.ExecuteAsync(Cmd("DELETE FROM scenario_due WHERE scenario_id = @Id"));
        var exited = await connection.ExecuteAsync(Cmd(
            "UPDATE scenario_enrollments SET state = 'exited', exit_reason = 'stopped', updated_at = @Now WHERE scenario_id = @Id AND state = 'active'"));
        await transaction.CommitAsync(cancellationToken);
        return exited;
    }

    /// <summary>Resumes a stopped scenario from the mirror's present: what happened while it was stopped is not acted on.</summary>
    public async Task<bool> RestartAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var present = await connection.QuerySingleAsync<(long Transitions, long Deals, long Contacts)>(new CommandDefinition(Present, transaction: transaction, cancellationToken: cancellationToken));
        var changed = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE scenarios SET state = 'active', state_reason = NULL, transition_cursor = @Transitions, deal_cursor = @Deals, contact_cursor = @Contacts,
                scan_from = @Now, updated_at = @Now
            WHERE id = @Id AND state = 'stopped'
            """, new { Id = id, present.Transitions, present.Deals, present.Contacts, Now = UtcText.From(time.GetUtcNow()) }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return changed == 1;
    }

    private static async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction transaction, long id, CancellationToken cancellationToken) =>
        (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT current_version FROM scenarios WHERE id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
}
