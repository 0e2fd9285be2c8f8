using Dapper;

namespace Connector.Scenarios;

public sealed partial class EnrollmentStore
{
    private const string FunnelEnrollments = """
        SELECT id AS Id, state AS State, step AS Step FROM scenario_enrollments WHERE scenario_id = @Id AND version = @Version
        """;

    // A send step's row, its ledger row sent, and human hits on it; CRM steps' outcomes count as reached (Sent false).
    private const string FunnelSends = """
        SELECT s.enrollment_id AS EnrollmentId, s.step AS Step,
               EXISTS (SELECT 1 FROM send_ledger l WHERE l.id = s.ledger_id AND l.state = 'sent') AS Sent,
               EXISTS (SELECT 1 FROM engagement_hits h WHERE h.ledger_id = s.ledger_id AND h.machine = 0 AND h.kind IN ('open', 'click')) AS Opened,
               EXISTS (SELECT 1 FROM engagement_hits h WHERE h.ledger_id = s.ledger_id AND h.machine = 0 AND h.kind = 'click') AS Clicked
        FROM scenario_sends s JOIN scenario_enrollments e ON e.id = s.enrollment_id
        WHERE e.scenario_id = @Id AND e.version = @Version
        UNION ALL
        SELECT o.enrollment_id, o.step, 0, 0, 0
        FROM scenario_step_outcomes o JOIN scenario_enrollments e ON e.id = o.enrollment_id
        WHERE e.scenario_id = @Id AND e.version = @Version
        """;

    /// <summary>
    /// The funnel of one version of a scenario, a row per step of <paramref name="definition"/> in file order (see
    /// <see cref="StepFunnel"/> for what each figure counts). No step history is kept, so "entered" is what the rows prove.
    /// </summary>
    public async Task<IReadOnlyList<StepFunnel>> FunnelAsync(long scenarioId, long version, ScenarioDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var args = new { Id = scenarioId, Version = version };
        var enrollments = (await connection.QueryAsync<FunnelEnrollmentRow>(new CommandDefinition(FunnelEnrollments, args, cancellationToken: cancellationToken))).ToList();
        var sends = (await connection.QueryAsync<FunnelSendRow>(new CommandDefinition(FunnelSends, args, cancellationToken: cancellationToken))).ToList();
        var dominators = ScenarioDominators.Of(definition);
        var reached = definition.Steps.ToDictionary(s => s.Id, _ => new HashSet<long>(), StringComparer.Ordinal);
        foreach (var e in enrollments.Where(e => e.Step is not null && dominators.ContainsKey(e.Step)))
        {
            foreach (var step in dominators[e.Step!])
            {
                reached[step].Add(e.Id);
            }
        }

        foreach (var s in sends.Where(s => reached.ContainsKey(s.Step)))
        {
            reached[s.Step].Add(s.EnrollmentId);
        }

        return definition.Steps.Select(step =>
        {
            var at = enrollments.Where(e => e.Step == step.Id).ToList();
            var mine = sends.Where(s => s.Step == step.Id).ToList();
            return new StepFunnel(step.Id, StepKindName(step.Kind), reached[step.Id].Count, at.Count(e => e.State == "active"),
                mine.Count(s => s.Sent), mine.Count(s => s.Opened), mine.Count(s => s.Clicked), at.Count(e => e.State == "exited"), at.Count(e => e.State == "completed"));
        }).ToList();
    }

    private static string StepKindName(StepKind kind) => kind switch
    {
        StepKind.MoveDeal => "move_deal",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
