namespace Connector.Scenarios;

/// <summary>
/// One trigger pass of a scenario: how many entered, how many were skipped as later than max_lateness, by the re-entry
/// rule, or because the deal/contact is still enrolled; and the first entries (for dry-run's "who").
/// </summary>
public sealed record EnrollResult
{
    public int Entered { get; init; }

    public int SkippedLate { get; init; }

    public int SkippedReEntry { get; init; }

    public int SkippedActive { get; init; }

    public IReadOnlyList<TriggerCandidate> Sample { get; init; } = [];
}
