namespace Connector.Scenarios;

/// <summary>What one step of an enrollment comes to: maybe a send, then continue at a step and time, complete, or exit with a reason.</summary>
public sealed record Decision
{
    public required DecisionOutcome Outcome { get; init; }

    public SendAction? Send { get; init; }

    /// <summary>A CRM write this step makes (move the deal, add a to-do) before going on.</summary>
    public CrmStepAction? Crm { get; init; }

    public string? NextStep { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    public string? ExitReason { get; init; }

    public static Decision Exit(string reason) => new() { Outcome = DecisionOutcome.Exited, ExitReason = reason };

    public static Decision Goto(string? next, DateTimeOffset at, SendAction? send = null) =>
        next is null
            ? new Decision { Outcome = DecisionOutcome.Completed, Send = send }
            : new Decision { Outcome = DecisionOutcome.Continue, NextStep = next, DueAt = at, Send = send };
}
