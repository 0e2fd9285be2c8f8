using Connector.Sending.Queue;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Scenarios;

/// <summary>
/// Runs due steps: claims them under a lease, gathers each enrollment's facts, lets <see cref="ScenarioEngine"/>
/// decide step after step until one waits, enqueues each send through <see cref="ISendQueue"/> with send key
/// <c>step:{step}:enrollment:{id}</c>, and records where every enrollment got to in one transaction per batch. Every
/// step is safe to repeat: a crash before the record repeats the chain, and the queue returns the first row for the key.
/// </summary>
public sealed class ScenarioDispatcher(
    EnrollmentStore enrollments, ScenarioStore scenarios, ISendQueue queue, ScenarioCrmSteps crmSteps, ScenarioSegmentFacts segmentFacts, IOptions<ScenariosOptions> options, TimeProvider time,
    ILogger<ScenarioDispatcher> logger)
{
    // Refusals about the recipient, not the scenario: the enrollment exits. A template refusal leaves it waiting.
    private static readonly HashSet<string> RecipientRefusals = new(StringComparer.Ordinal)
    {
        QueuedLetterRefusals.NoAddress, QueuedLetterRefusals.InvalidAddress, QueuedLetterRefusals.Suppressed,
        QueuedLetterRefusals.UnknownContact, QueuedLetterRefusals.UnsubscribedInCrm,
    };

    // Validation refuses loops without a wait; this only bounds a chain if one slipped through.
    private const int MaxStepsPerChain = 64;

    public async Task<DispatchSummary> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.DefaultTimeZone);
        var versions = new Dictionary<(long, long), ScenarioDefinition>();
        var (claimed, enqueued, refused, completed, exited, waiting, failed) = (0, 0, 0, 0, 0, 0, 0);
        while (true)
        {
            var holder = Guid.NewGuid().ToString("N");
            var batch = await enrollments.ClaimAsync(holder, settings.BatchSize, time.GetUtcNow() + settings.Lease, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            claimed += batch.Count;
            var results = new List<ChainResult>(batch.Count);
            foreach (var due in batch)
            {
                try
                {
                    var result = await RunChainAsync(due, versions, settings, zone, cancellationToken);
                    results.Add(result);
                    enqueued += result.Sends.Count(s => s.LedgerId is not null);
                    refused += result.Sends.Count(s => s.Refused is not null);
                    _ = result.Outcome switch
                    {
                        DecisionOutcome.Completed => completed++,
                        DecisionOutcome.Exited => exited++,
                        _ => waiting++,
                    };
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Left leased: the step is tried again when the lease ends, not in a tight loop.
                    failed++;
                    logger.LogError(ex, "Scenario {ScenarioId} enrollment {EnrollmentId} step {Step} failed; retried after the lease", due.ScenarioId, due.EnrollmentId, due.Step);
                }
            }

            await enrollments.FinishAsync(holder, results, cancellationToken);
        }

        return new DispatchSummary(claimed, enqueued, refused, completed, exited, waiting, failed);
    }

    private async Task<ChainResult> RunChainAsync(
        DueEnrollment due, Dictionary<(long, long), ScenarioDefinition> versions, ScenariosOptions settings, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        if (!versions.TryGetValue((due.ScenarioId, due.Version), out var definition))
        {
            definition = (await scenarios.VersionAsync(due.ScenarioId, due.Version, cancellationToken))?.Definition
                ?? throw new InvalidOperationException($"scenario {due.ScenarioId} has no version {due.Version}");
            versions[(due.ScenarioId, due.Version)] = definition;
        }

        var facts = await enrollments.FactsAsync(due, settings.TimeZoneField, zone, cancellationToken);
        facts = facts with { Segments = await segmentFacts.MembershipAsync(due.PortalId, due.ContactId, definition, cancellationToken) };
        var state = due.ToState();
        var sends = new List<StepSend>();
        var now = time.GetUtcNow();
        for (var hop = 0; hop < MaxStepsPerChain; hop++)
        {
            var decision = ScenarioEngine.Decide(definition, state, facts, now);
            if (decision.Send is { } send)
            {
                var sent = await SendAsync(due, send, cancellationToken);
                sends.Add(sent);
                if (sent.Refused is { } refused && RecipientRefusals.Contains(refused))
                {
                    // The contact cannot be mailed (no or a bad address, suppressed, opted out, gone): the enrollment ends
                    // here, saying why, instead of waiting for steps that could never reach anyone.
                    return new ChainResult { EnrollmentId = due.EnrollmentId, Outcome = DecisionOutcome.Exited, ExitReason = $"not_sendable:{refused}", Sends = sends };
                }
            }

            if (decision.Crm is { } crm && await crmSteps.RunAsync(due, crm, facts, cancellationToken) is { } retry)
            {
                return new ChainResult { EnrollmentId = due.EnrollmentId, Outcome = DecisionOutcome.Continue, NextStep = state.Step, DueAt = now + retry, Sends = sends };
            }

            if (decision.Outcome != DecisionOutcome.Continue)
            {
                return new ChainResult { EnrollmentId = due.EnrollmentId, Outcome = decision.Outcome, ExitReason = decision.ExitReason, Sends = sends };
            }

            if (decision.DueAt > now)
            {
                return new ChainResult { EnrollmentId = due.EnrollmentId, Outcome = DecisionOutcome.Continue, NextStep = decision.NextStep, DueAt = decision.DueAt, Sends = sends };
            }

            state = state with { Step = decision.NextStep! };
        }

        return new ChainResult { EnrollmentId = due.EnrollmentId, Outcome = DecisionOutcome.Continue, NextStep = state.Step, DueAt = now.AddMinutes(1), Sends = sends };
    }

    private async Task<StepSend> SendAsync(DueEnrollment due, SendAction send, CancellationToken cancellationToken)
    {
        var key = SendAction.KeyFor(send.Step, due.EnrollmentId);
        var result = await queue.EnqueueAsync(new QueuedLetter
        {
            PortalId = due.PortalId, SendKey = key, TemplateName = send.Template, Kind = send.Mail,
            ContactId = due.ContactId, DealId = due.DealId, ListName = RobotScenarios.IsRobotScenario(due.ScenarioName) ? null : due.ScenarioName, Variables = due.VariableValues(),
        }, cancellationToken);
        if (result.Refused is { } reason)
        {
            logger.LogInformation("Scenario {Scenario} step {Step} enrollment {EnrollmentId}: not queued ({Reason})", due.ScenarioName, send.Step, due.EnrollmentId, reason);
        }

        return new StepSend { Step = send.Step, SendKey = key, LedgerId = result.LedgerRowId, Refused = result.Refused };
    }
}
