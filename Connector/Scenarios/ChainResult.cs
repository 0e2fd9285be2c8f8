namespace Connector.Scenarios;

/// <summary>Where a claimed enrollment ended up after running its due steps: the sends made, and its next step and time, or its end.</summary>
public sealed record ChainResult
{
    public required long EnrollmentId { get; init; }

    public required DecisionOutcome Outcome { get; init; }

    public IReadOnlyList<StepSend> Sends { get; init; } = [];

    public string? NextStep { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    public string? ExitReason { get; init; }
}
