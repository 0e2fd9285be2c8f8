using Connector.Store;
using Dapper;

namespace Connector.Scenarios;

public sealed partial class EnrollmentStore
{
    /// <summary>The recorded state of a CRM step of an enrollment (pending, done, failed), null when it never ran.</summary>
    public async Task<(string State, long Attempts)?> StepStateAsync(long enrollmentId, string step, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<(string, long)?>(new CommandDefinition(
            "SELECT state, attempts FROM scenario_step_outcomes WHERE enrollment_id = @Id AND step = @Step", new { Id = enrollmentId, Step = step }, cancellationToken: cancellationToken));
    }

    /// <summary>Records a CRM step's state before the call (pending) and after it (done, failed), under its key.</summary>
    public async Task RecordStepAsync(long enrollmentId, string step, string key, string state, string? detail, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scenario_step_outcomes (enrollment_id, step, step_key, state, detail, attempts, updated_at)
            VALUES (@Id, @Step, @Key, @State, @Detail, CASE WHEN @State = 'pending' THEN 1 ELSE 0 END, @Now)
            ON CONFLICT (enrollment_id, step) DO UPDATE SET state = excluded.state, detail = excluded.detail, updated_at = excluded.updated_at,
                attempts = scenario_step_outcomes.attempts + CASE WHEN excluded.state = 'pending' THEN 1 ELSE 0 END
            """, new { Id = enrollmentId, Step = step, Key = key, State = state, Detail = detail, Now = UtcText.From(time.GetUtcNow()) }, cancellationToken: cancellationToken));
    }

    /// <summary>Forgets a CRM step that was never sent, so it runs again as if for the first time.</summary>
    public async Task ForgetStepAsync(long enrollmentId, string step, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM scenario_step_outcomes WHERE enrollment_id = @Id AND step = @Step AND state = 'pending'", new { Id = enrollmentId, Step = step }, cancellationToken: cancellationToken));
    }
}
