using Microsoft.Extensions.Logging;

namespace Connector.Scenarios;

/// <summary>
/// Carries out a CRM step at most once per enrollment (key <c>crm:{step}:enrollment:{id}</c>): recorded pending before
/// the call, done or failed after. A move whose answer never came is settled by reading the deal back (crm.deal.get)
/// before any retry: at the target stage it is done, anywhere else it is sent again. An unanswered to-do is not repeated
/// (it may exist; a second one would be a duplicate for the manager) and is recorded as failed with that reason.
/// Not sent at all (rate limit, portal unavailable) waits and is tried again later.
/// </summary>
public sealed class ScenarioCrmSteps(EnrollmentStore enrollments, IScenarioCrm crm, TimeProvider time, ILogger<ScenarioCrmSteps> logger)
{
    /// <summary>True: go on past the step; false: the step waits and is tried again later.</summary>
    public async Task<bool> RunAsync(DueEnrollment due, CrmStepAction action, EnrollmentFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(facts);
        if (due.DealId is not { } deal)
        {
            return true;
        }

        var key = CrmStepAction.KeyFor(action.Step, due.EnrollmentId);
        var state = await enrollments.StepStateAsync(due.EnrollmentId, action.Step, cancellationToken);
        if (state is "done" or "failed")
        {
            return true;
        }

        if (state == "pending")
        {
            if (action.Kind == StepKind.Todo)
            {
                return await EndAsync(due, action, key, "failed", "uncertain: an earlier call got no answer; not repeated", cancellationToken);
            }

            switch (await SettleMoveAsync(due, action, deal, cancellationToken))
            {
                case true:
                    return await EndAsync(due, action, key, "done", $"settled: the deal is at {action.Stage}", cancellationToken);
                case null:
                    return false;
            }
        }

        await enrollments.RecordStepAsync(due.EnrollmentId, action.Step, key, "pending", null, cancellationToken);
        var result = action.Kind == StepKind.MoveDeal
            ? await crm.MoveDealAsync(due.PortalId, deal, action.Stage!, cancellationToken)
            : await crm.AddTodoAsync(due.PortalId, new ScenarioTodo(deal, time.GetUtcNow() + (action.Due ?? TimeSpan.FromDays(1)), action.Title ?? "",
                action.Description ?? "", facts.DealAssignedBy), cancellationToken);
        switch (result.Kind)
        {
            case CrmStepResultKind.Done:
                return await EndAsync(due, action, key, "done", result.Detail, cancellationToken);
            case CrmStepResultKind.Refused:
                logger.LogWarning("Scenario {Scenario} step {Step} enrollment {EnrollmentId}: the CRM refused it ({Reason})", due.ScenarioName, action.Step, due.EnrollmentId, result.Detail);
                return await EndAsync(due, action, key, "failed", result.Detail, cancellationToken);
            case CrmStepResultKind.NotSent:
                await enrollments.ForgetStepAsync(due.EnrollmentId, action.Step, cancellationToken);
                return false;
            case CrmStepResultKind.Uncertain when action.Kind == StepKind.MoveDeal:
                // Stays pending unless the read shows the move happened; the next try reads again before sending again.
                return await SettleMoveAsync(due, action, deal, cancellationToken) == true
                    && await EndAsync(due, action, key, "done", $"settled: the deal is at {action.Stage}", cancellationToken);
            default:
                return await EndAsync(due, action, key, "failed", $"uncertain: {result.Detail}; not repeated", cancellationToken);
        }
    }

    /// <summary>True: the deal is at the target; false: it is not (send again); null: the read failed (wait).</summary>
    private async Task<bool?> SettleMoveAsync(DueEnrollment due, CrmStepAction action, long deal, CancellationToken cancellationToken)
    {
        var read = await crm.DealStageAsync(due.PortalId, deal, cancellationToken);
        return read.Kind == CrmStepResultKind.Done ? string.Equals(read.Detail, action.Stage, StringComparison.Ordinal) : null;
    }

    private async Task<bool> EndAsync(DueEnrollment due, CrmStepAction action, string key, string state, string? detail, CancellationToken cancellationToken)
    {
        await enrollments.RecordStepAsync(due.EnrollmentId, action.Step, key, state, detail, cancellationToken);
        return true;
    }
}
