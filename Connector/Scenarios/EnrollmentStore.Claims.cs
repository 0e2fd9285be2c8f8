using Connector.Store;
using Dapper;

namespace Connector.Scenarios;

public sealed partial class EnrollmentStore
{
    private const string Claim = """
        UPDATE scenario_due SET lease_holder = @Holder, lease_until = @Until
        WHERE enrollment_id IN (
            SELECT d.enrollment_id FROM scenario_due d JOIN scenarios s ON s.id = d.scenario_id
            WHERE d.due_at <= @Now AND (d.lease_until IS NULL OR d.lease_until <= @Now) AND s.state = 'active'
            ORDER BY d.due_at LIMIT @Limit)
        """;

    private const string Claimed = """
        SELECT e.id AS EnrollmentId, e.scenario_id AS ScenarioId, s.name AS ScenarioName, e.version AS Version, d.step AS Step, e.portal_id AS PortalId,
               e.subject_kind AS SubjectKind, e.contact_id AS ContactId, e.deal_id AS DealId, e.variables AS Variables
        FROM scenario_due d JOIN scenario_enrollments e ON e.id = d.enrollment_id JOIN scenarios s ON s.id = e.scenario_id
        WHERE d.lease_holder = @Holder ORDER BY d.due_at, e.id
        """;

    private const string InsertSend = """
        INSERT INTO scenario_sends (enrollment_id, step, send_key, ledger_id, refused, at) VALUES (@EnrollmentId, @Step, @SendKey, @LedgerId, @Refused, @Now)
        ON CONFLICT (enrollment_id, step) DO UPDATE SET ledger_id = COALESCE(scenario_sends.ledger_id, excluded.ledger_id)
        """;

    private const string Advance = """
        UPDATE scenario_due SET step = @Step, due_at = @DueAt, lease_holder = NULL, lease_until = NULL WHERE enrollment_id = @Id AND lease_holder = @Holder
        """;

    private const string Finish = "DELETE FROM scenario_due WHERE enrollment_id = @Id AND lease_holder = @Holder";

    /// <summary>Leases up to <paramref name="limit"/> due steps of active scenarios to <paramref name="holder"/> until <paramref name="until"/>.</summary>
    public async Task<IReadOnlyList<DueEnrollment>> ClaimAsync(string holder, int limit, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Claim, new
        {
            Holder = holder, Until = UtcText.From(until), Now = UtcText.From(time.GetUtcNow()), Limit = limit,
        }, transaction, cancellationToken: cancellationToken));
        var rows = (await connection.QueryAsync<DueEnrollment>(new CommandDefinition(Claimed, new { Holder = holder }, transaction, cancellationToken: cancellationToken))).ToList();
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>
    /// Records where each claimed enrollment got to, in one transaction; a row whose lease went to another holder is left
    /// to it (its sends are recorded anyway: they are the ledger's, idempotent by send key).
    /// </summary>
    public async Task<int> FinishAsync(string holder, IReadOnlyList<ChainResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        var now = UtcText.From(time.GetUtcNow());
        var kept = 0;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var result in results)
        {
            CommandDefinition Cmd(string sql, object args) => new(sql, args, transaction, cancellationToken: cancellationToken);
            foreach (var send in result.Sends)
            {
                await connection.ExecuteAsync(Cmd(InsertSend, new { result.EnrollmentId, send.Step, send.SendKey, send.LedgerId, send.Refused, Now = now }));
            }

            if (result.Outcome == DecisionOutcome.Continue)
            {
                if (await connection.ExecuteAsync(Cmd(Advance, new { Id = result.EnrollmentId, Holder = holder, Step = result.NextStep, DueAt = UtcText.From(result.DueAt!.Value) })) == 1)
                {
                    await connection.ExecuteAsync(Cmd("UPDATE scenario_enrollments SET step = @Step, updated_at = @Now WHERE id = @Id",
                        new { Id = result.EnrollmentId, Step = result.NextStep, Now = now }));
                    kept++;
                }
            }
            else if (await connection.ExecuteAsync(Cmd(Finish, new { Id = result.EnrollmentId, Holder = holder })) == 1)
            {
                await connection.ExecuteAsync(Cmd("UPDATE scenario_enrollments SET state = @State, exit_reason = @Reason, updated_at = @Now WHERE id = @Id", new
                {
                    Id = result.EnrollmentId, State = result.Outcome == DecisionOutcome.Completed ? "completed" : "exited", Reason = result.ExitReason, Now = now,
                }));
                kept++;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return kept;
    }

    /// <summary>The ledger row a send step of an enrollment enqueued, if any (for reports and tests).</summary>
    public async Task<IReadOnlyList<StepSend>> SendsAsync(long enrollmentId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<StepSend>(new CommandDefinition(
            "SELECT step AS Step, send_key AS SendKey, ledger_id AS LedgerId, refused AS Refused FROM scenario_sends WHERE enrollment_id = @Id ORDER BY at, step",
            new { Id = enrollmentId }, cancellationToken: cancellationToken))).ToList();
    }
}
