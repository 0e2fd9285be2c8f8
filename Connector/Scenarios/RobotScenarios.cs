using Connector.Crm.Bitrix24.Automation.Robot;
using Connector.Sending.Composing;
using Connector.Store;
using Dapper;

namespace Connector.Scenarios;

/// <summary>
/// The Bitrix24 robot's scenarios: one internal scenario per (template, kind, delay), named
/// <c>robot:{template}:{kind}:{delay}</c> with trigger <c>robot</c> — a wait step when the delay is more than zero, then
/// the send step. A file cannot name one (':' is not allowed in a file's name), so an import never edits it; <c>scenario
/// list</c> shows it with its counts. Re-entry is <c>always</c> (each robot run is its own request), never while enrolled;
/// no exit on won, lost or pipeline (the robot's stage is the admin's choice).
/// </summary>
public sealed class RobotScenarios(ScenarioStore scenarios, ScenarioEntries entries, ScenarioTemplates templates, SqliteConnectionFactory connections) : IRobotScenarios
{
    public const string SendStep = "send";

    // The ledger states a message ends in (LedgerState); queued, sending and deferred are not results yet.
    private static readonly HashSet<string> Settled = new(StringComparer.Ordinal) { "sent", "failed", "unknown", "expired", "suppressed" };

    private const string Results = """
        SELECT e.id AS EnrollmentId, e.state AS State, e.exit_reason AS ExitReason, s.ledger_id AS LedgerId, s.refused AS Refused, l.state AS LedgerState
        FROM scenario_enrollments e
        LEFT JOIN scenario_sends s ON s.enrollment_id = e.id AND s.step = 'send'
        LEFT JOIN send_ledger l ON l.id = s.ledger_id
        WHERE e.id IN @Ids
        """;

    /// <summary>Whether a scenario is one of the robot's (its mail is shown under the template's name, not this internal one).</summary>
    public static bool IsRobotScenario(string name) => name.StartsWith("robot:", StringComparison.Ordinal);

    public static string NameFor(string template, bool transactional, TimeSpan delay) =>
        $"robot:{template}:{(transactional ? "transactional" : "marketing")}:{(delay <= TimeSpan.Zero ? "0" : ScenarioDuration.Format(delay))}";

    public static ScenarioDefinition DefinitionFor(string template, bool transactional, TimeSpan delay)
    {
        var send = new ScenarioStep { Id = SendStep, Kind = StepKind.Send, Template = template, Mail = transactional ? MailKind.Transactional : MailKind.Scenario };
        return new ScenarioDefinition
        {
            Name = NameFor(template, transactional, delay),
            Trigger = new ScenarioTrigger { Kind = TriggerKind.Robot },
            ReEntry = new ReEntryRule { Mode = ReEntryMode.Always },
            // The admin chose the stage: a robot on WON ("thank you") must not leave as won; suppressions still apply.
            Exit = new ExitRules { Won = false, Lost = false, LeftPipeline = false },
            Steps = delay > TimeSpan.Zero ? [new ScenarioStep { Id = "delay", Kind = StepKind.Wait, WaitFor = delay }, send] : [send],
        };
    }

    public Task<bool> TemplateExistsAsync(string templateName, CancellationToken cancellationToken) => templates.ExistsAsync(templateName, cancellationToken);

    public async Task<RobotEntry> EnterAsync(RobotSendRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = DefinitionFor(request.Template, request.Transactional, request.Delay);
        var source = $"# Made by the Bitrix24 robot \"Send e-mail (CrmEspBridge)\"; not a file to import.\n{System.Text.Json.JsonSerializer.Serialize(definition, ScenarioDefinition.Json)}\n";
        ScenarioImport imported;
        try
        {
            imported = await scenarios.ImportAsync(request.PortalId, definition, source, cancellationToken);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            // Two first runs of the same robot settings at once: the other one made the scenario; use it.
            imported = await scenarios.ImportAsync(request.PortalId, definition, source, cancellationToken);
        }

        var scenario = await scenarios.FindAsync(imported.ScenarioId, cancellationToken)
            ?? throw new InvalidOperationException($"scenario {imported.ScenarioId} vanished");
        var result = await entries.EnterAsync(scenario, definition, new ExplicitEntry
        {
            Subject = SubjectKind.Deal, SubjectId = request.DealId, EntryKey = request.EntryKey,
        }, cancellationToken);
        return new RobotEntry(result.EnrollmentId, result.Refused, result.Detail);
    }

    public async Task<IReadOnlyList<RobotSendResult>> ResultsAsync(IReadOnlyList<long> enrollmentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(enrollmentIds);
        if (enrollmentIds.Count == 0)
        {
            return [];
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ResultRow>(new CommandDefinition(Results, new { Ids = enrollmentIds }, cancellationToken: cancellationToken));
        return [.. rows.Select(ToResult).OfType<RobotSendResult>()];
    }

    private static RobotSendResult? ToResult(ResultRow row) => row switch
    {
        { Refused: { } refused } => new RobotSendResult(row.EnrollmentId, $"refused:{refused}", null),
        { LedgerState: { } state } when Settled.Contains(state) => new RobotSendResult(row.EnrollmentId, state, row.LedgerId),
        { LedgerId: null } when row.State != "active" => new RobotSendResult(row.EnrollmentId, $"refused:{row.ExitReason ?? row.State}", null),
        _ => null,
    };

    private sealed record ResultRow
    {
        public long EnrollmentId { get; init; }

        public string State { get; init; } = "";

        public string? ExitReason { get; init; }

        public long? LedgerId { get; init; }

        public string? Refused { get; init; }

        public string? LedgerState { get; init; }
    }
}
