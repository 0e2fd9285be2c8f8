using System.Text.Json;
using Connector.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Scenarios;

/// <summary>
/// Carries out a CRM step at most once per enrollment (key <c>crm:{step}:enrollment:{id}</c>): recorded pending before
/// the call, done or failed after. A call whose answer never came is settled by reading back before any retry: the deal
/// (crm.deal.get) at the target stage, or the deal's to-do with that title (crm.activity.list), is done; otherwise it is
/// sent again; a failed read waits.
/// Not sent at all (rate limit, portal unavailable) waits and is tried again later. A webhook step is retried with
/// backoff for Scenarios:WebhookRetryWindow (its receiver gets the step key as webhook-id), then recorded as failed.
/// </summary>
public sealed class ScenarioCrmSteps(
    EnrollmentStore enrollments, IScenarioCrm crm, IScenarioWebhook webhook, IOptions<ScenariosOptions> options, TimeProvider time, ILogger<ScenarioCrmSteps> logger)
{
    // A CRM step that could not be sent (rate limit, portal unavailable) is tried again this much later.
    private static readonly TimeSpan NotSentRetry = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan WebhookBase = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan WebhookMax = TimeSpan.FromHours(1);

    /// <summary>Null: go on past the step; otherwise the step waits this long and is tried again.</summary>
    public async Task<TimeSpan?> RunAsync(DueEnrollment due, CrmStepAction action, EnrollmentFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(facts);
        var recorded = await enrollments.StepStateAsync(due.EnrollmentId, action.Step, cancellationToken);
        if (recorded?.State is "done" or "failed")
        {
            return null;
        }

        if (action.Kind == StepKind.Webhook)
        {
            return await WebhookAsync(due, action, recorded?.Attempts ?? 0, cancellationToken);
        }

        if (due.DealId is not { } deal)
        {
            return null;
        }

        return await CrmAsync(due, action, facts, deal, recorded?.State, cancellationToken) ? null : NotSentRetry;
    }

    private async Task<TimeSpan?> WebhookAsync(DueEnrollment due, CrmStepAction action, long attempts, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var key = action.Key(due.EnrollmentId);
        if (settings.WebhookSecret is not { Length: > 0 } secret)
        {
            logger.LogWarning("Scenario {Scenario} step {Step}: Scenarios:WebhookSecret is not set; the webhook waits", due.ScenarioName, action.Step);
            return NotSentRetry;
        }

        await enrollments.RecordStepAsync(due.EnrollmentId, action.Step, key, "pending", null, cancellationToken);
        var body = JsonSerializer.Serialize(new
        {
            @event = "scenario.step", scenario = due.ScenarioName, scenario_id = due.ScenarioId, step = action.Step, enrollment = due.EnrollmentId,
            deal = due.DealId, contact = due.ContactId, at = time.GetUtcNow(),
        });
        var (delivered, problem) = await webhook.PostAsync(new Uri(action.Url!), key, body, secret, cancellationToken);
        if (delivered)
        {
            await enrollments.RecordStepAsync(due.EnrollmentId, action.Step, key, "done", null, cancellationToken);
            return null;
        }

        // The time all attempts so far have waited, at the backoff's upper bound: past the window, give up.
        var tried = attempts + 1;
        var waited = TimeSpan.FromTicks(Enumerable.Range(1, (int)Math.Min(tried, 1000)).Sum(i => WebhookBackoff.Delay(i, WebhookBase, WebhookMax, 1).Ticks));
        if (waited >= settings.WebhookRetryWindow)
        {
            logger.LogWarning("Scenario {Scenario} step {Step} enrollment {EnrollmentId}: webhook failed for {Window}, last: {Problem}", due.ScenarioName, action.Step, due.EnrollmentId, settings.WebhookRetryWindow, problem);
            await enrollments.RecordStepAsync(due.EnrollmentId, action.Step, key, "failed", $"gave up after {tried} attempts: {problem}", cancellationToken);
            return null;
        }

        logger.LogInformation("Scenario {Scenario} step {Step} enrollment {EnrollmentId}: webhook not delivered ({Problem}); retried", due.ScenarioName, action.Step, due.EnrollmentId, problem);
        return WebhookBackoff.Delay(tried, WebhookBase, WebhookMax, Random.Shared.NextDouble());
    }

    /// <summary>True: go on past the step; false: the step waits and is tried again later.</summary>
    private async Task<bool> CrmAsync(DueEnrollment due, CrmStepAction action, EnrollmentFacts facts, long deal, string? state, CancellationToken cancellationToken)
    {
        var key = action.Key(due.EnrollmentId);

        var todo = action.Kind == StepKind.Todo
            ? new ScenarioTodo(deal, time.GetUtcNow() + (action.Due ?? TimeSpan.FromDays(1)), action.Title ?? "", action.Description ?? "", facts.DealAssignedBy)
            : null;
        if (state == "pending")
        {
            // An earlier call went out and its answer never came: read back first, send again only if it did not happen.
            switch (await SettleAsync(due, action, deal, todo, cancellationToken))
            {
                case true:
                    return await EndAsync(due, action, key, "done", Settled(action), cancellationToken);
                case null:
                    return false;
            }
        }

        await enrollments.RecordStepAsync(due.EnrollmentId, action.Step, key, "pending", null, cancellationToken);
        var result = todo is null
            ? await crm.MoveDealAsync(due.PortalId, deal, action.Stage!, cancellationToken)
            : await crm.AddTodoAsync(due.PortalId, todo, cancellationToken);
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
            default:
                // Uncertain: stays pending unless the read shows it happened; the next try reads again before sending again.
                return await SettleAsync(due, action, deal, todo, cancellationToken) == true
                    && await EndAsync(due, action, key, "done", Settled(action), cancellationToken);
        }
    }

    /// <summary>True: it happened (the deal is at the target, the to-do exists); false: it did not (send again); null: the read failed (wait).</summary>
    private async Task<bool?> SettleAsync(DueEnrollment due, CrmStepAction action, long deal, ScenarioTodo? todo, CancellationToken cancellationToken)
    {
        if (todo is not null)
        {
            var found = await crm.FindTodoAsync(due.PortalId, todo, cancellationToken);
            return found.Kind == CrmStepResultKind.Done ? found.Detail is not null : null;
        }

        var read = await crm.DealStageAsync(due.PortalId, deal, cancellationToken);
        return read.Kind == CrmStepResultKind.Done ? string.Equals(read.Detail, action.Stage, StringComparison.Ordinal) : null;
    }

    private static string Settled(CrmStepAction action) =>
        action.Kind == StepKind.Todo ? "settled: the to-do exists" : $"settled: the deal is at {action.Stage}";

    private async Task<bool> EndAsync(DueEnrollment due, CrmStepAction action, string key, string state, string? detail, CancellationToken cancellationToken)
    {
        await enrollments.RecordStepAsync(due.EnrollmentId, action.Step, key, state, detail, cancellationToken);
        return true;
    }
}
