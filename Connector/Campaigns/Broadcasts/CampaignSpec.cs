namespace Connector.Campaigns.Broadcasts;

/// <summary>What <c>campaign create</c> asks for, as typed (validated whole by <see cref="CampaignValidator"/>).</summary>
public sealed record CampaignSpec
{
    public string? Name { get; init; }

    public string? Template { get; init; }

    /// <summary>A segment expression, or (<see cref="SegmentName"/>) a saved segment; exactly one.</summary>
    public string? Segment { get; init; }

    public string? SegmentName { get; init; }

    public string? Portal { get; init; }

    public string? At { get; init; }

    public string? Window { get; init; }

    public bool LocalTime { get; init; }

    public string? ExpireAfter { get; init; }

    /// <summary><c>NAME:subject=TEXT</c> or <c>NAME:template=NAME</c> (both joined by <c>;</c>), repeated.</summary>
    public IReadOnlyList<string> Variants { get; init; } = [];

    public string? Mode { get; init; }

    public int? TestShare { get; init; }

    public string? TestWait { get; init; }

    public string? WinnerBy { get; init; }

    public int? WaveShare { get; init; }

    public string? WaveEvery { get; init; }

    public bool SendTimeOptimised { get; init; }
}
