namespace Connector.Scenarios;

/// <summary>A <c>scenarios</c> row with its enrollment counts.</summary>
public sealed record ScenarioRow
{
    public long Id { get; init; }

    public long PortalId { get; init; }

    public string Name { get; init; } = "";

    public string State { get; init; } = "";

    public string? StateReason { get; init; }

    public long CurrentVersion { get; init; }

    public long TransitionCursor { get; init; }

    public long DealCursor { get; init; }

    public long ContactCursor { get; init; }

    public long SkippedLate { get; init; }

    public long Enrolled { get; init; }

    public long Active { get; init; }

    public long Completed { get; init; }

    public long Exited { get; init; }
}
