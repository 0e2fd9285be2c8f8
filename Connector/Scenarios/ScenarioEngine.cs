using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Connector.Scenarios;

/// <summary>
/// The scenario engine: pure. Given a version, an enrollment at a step, the facts and the time, it says what that step
/// comes to. It never reads a clock, the store or the network; the dispatcher gathers facts and carries out decisions.
/// Exit rules come first: a suppressed or missing contact, a deleted deal, a deal won, lost or moved out of the pipeline.
/// </summary>
public static class ScenarioEngine
{
    public static Decision Decide(ScenarioDefinition version, EnrollmentState enrollment, EnrollmentFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(enrollment);
        ArgumentNullException.ThrowIfNull(facts);
        if (Exit(version, enrollment, facts) is { } reason)
        {
            return Decision.Exit(reason);
        }

        if (version.StepById(enrollment.Step) is not { } step)
        {
            return Decision.Exit("step_missing");
        }

        var next = version.Successors(step);
        switch (step.Kind)
        {
            case StepKind.Send:
                return Decision.Goto(next[0], now, new SendAction(step.Id, step.Template!, step.Mail));
            case StepKind.Wait when step.WaitFor is { } duration:
                return Decision.Goto(next[0], now + duration);
            case StepKind.Wait:
                return Decision.Goto(next[0], WaitWindows.NextOpening(step.WaitUntil!, facts.TimeZone, now));
            case StepKind.Condition:
                return Decision.Goto(Holds(step.Condition!, facts, now) ? next[0] : next[1], now);
            case StepKind.Split:
                return Decision.Goto(next[Branch(step, enrollment.Id)], now);
            case StepKind.MoveDeal or StepKind.Todo or StepKind.Webhook:
                return Decision.Goto(next[0], now) with { Crm = new CrmStepAction(step.Id, step.Kind, step.Stage, step.Title, step.Description, step.Due, step.Url) };
            default:
                return new Decision { Outcome = DecisionOutcome.Completed, ExitReason = "exit_step" };
        }
    }

    /// <summary>The split branch of an enrollment: a stable hash of (enrollment, step) in 0..99 against the cumulative percentages.</summary>
    public static int Branch(ScenarioStep step, long enrollmentId)
    {
        ArgumentNullException.ThrowIfNull(step);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{enrollmentId.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{step.Id}"));
        var bucket = (int)(BinaryPrimitives.ReadUInt32BigEndian(hash) % 100);
        var sum = 0;
        for (var i = 0; i < step.Branches.Count; i++)
        {
            sum += step.Branches[i].Percent;
            if (bucket < sum)
            {
                return i;
            }
        }

        return step.Branches.Count - 1;
    }

    private static string? Exit(ScenarioDefinition version, EnrollmentState enrollment, EnrollmentFacts facts)
    {
        if (facts.ContactMissing)
        {
            return "no_contact";
        }

        if (facts.Suppressed is { } suppressed)
        {
            return suppressed;
        }

        if (enrollment.Subject != SubjectKind.Deal)
        {
            return null;
        }

        if (facts.DealMissing)
        {
            return "deal_deleted";
        }

        return facts.DealSemantic switch
        {
            "S" when version.Exit.Won => "won",
            "F" when version.Exit.Lost => "lost",
            _ when version.Exit.LeftPipeline && version.Trigger.Pipeline is { } pipeline && facts.DealPipeline is { } now && now != pipeline => "left_pipeline",
            _ => null,
        };
    }

    private static bool Since(DateTimeOffset? at, DateTimeOffset from) => at is { } hit && hit >= from;

    private static bool Holds(StepCondition condition, EnrollmentFacts facts, DateTimeOffset now) => condition.Kind switch
    {
        ConditionKind.Opened when condition.AnyWithin is { } within => Since(facts.LastOpenAny, now - within) || Since(facts.LastClickAny, now - within),
        ConditionKind.Clicked when condition.AnyWithin is { } within => Since(facts.LastClickAny, now - within),
        ConditionKind.Opened => facts.Opened.Contains(condition.Step!) || facts.Clicked.Contains(condition.Step!),
        ConditionKind.Clicked => facts.Clicked.Contains(condition.Step!),
        ConditionKind.InSegment => facts.Segments.Contains(condition.Segment!),
        ConditionKind.Stage => facts.DealStage is { } stage && condition.Stages.Contains(stage, StringComparer.Ordinal),
        _ => facts.Fields.TryGetValue(condition.Field!, out var values) && values.Any(v => string.Equals(v, condition.Value, StringComparison.OrdinalIgnoreCase)),
    };
}
