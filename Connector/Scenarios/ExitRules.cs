namespace Connector.Scenarios;

/// <summary>
/// When a deal's enrollment leaves early: the deal won, lost, or moved to another pipeline (each on by default).
/// Unsubscribed, hard-bounced, complained or blacklisted contacts always leave; that is not configurable.
/// </summary>
public sealed record ExitRules
{
    public bool Won { get; init; } = true;

    public bool Lost { get; init; } = true;

    public bool LeftPipeline { get; init; } = true;
}
