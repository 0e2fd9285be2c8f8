using Connector.Sending.Composing;

namespace Connector.Scenarios;

/// <summary>
/// One step. Which fields mean something depends on <see cref="Kind"/>. After a step the enrollment goes to
/// <see cref="Next"/> when given, else to the step below it; past the last step it is completed.
/// </summary>
public sealed record ScenarioStep
{
    public required string Id { get; init; }

    public required StepKind Kind { get; init; }

    /// <summary>The 1-based line of the step in its file (0 when unknown).</summary>
    public int Line { get; init; }

    public string? Next { get; init; }

    public TimeSpan? WaitFor { get; init; }

    public WaitWindow? WaitUntil { get; init; }

    public string? Template { get; init; }

    public MailKind Mail { get; init; } = MailKind.Scenario;

    public StepCondition? Condition { get; init; }

    public string? Then { get; init; }

    public string? Else { get; init; }

    public IReadOnlyList<SplitBranch> Branches { get; init; } = [];

    /// <summary>move_deal: the stage to move the deal to (in the trigger's pipeline).</summary>
    public string? Stage { get; init; }

    /// <summary>todo: what the manager sees.</summary>
    public string? Title { get; init; }

    public string? Description { get; init; }

    /// <summary>todo: the deadline, this long after the step runs.</summary>
    public TimeSpan? Due { get; init; }

    /// <summary>webhook: where the step POSTs (https, or http to a loopback host).</summary>
    public string? Url { get; init; }
}
