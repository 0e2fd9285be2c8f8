namespace Connector.Campaigns.Broadcasts;

/// <summary>A validated campaign, ready to store: the segment expression frozen, times resolved.</summary>
public sealed record CampaignDraft
{
    public required long PortalId { get; init; }

    public required string Name { get; init; }

    public required string TemplateName { get; init; }

    public string? SegmentName { get; init; }

    public required string SegmentExpression { get; init; }

    public required DateTimeOffset LaunchAt { get; init; }

    /// <summary>With <see cref="LocalTime"/> and an <c>--at</c>: its wall-clock time, applied in each contact's zone.</summary>
    public DateTime? LocalAt { get; init; }

    public TimeWindow? Window { get; init; }

    public bool LocalTime { get; init; }

    public TimeSpan? ExpireAfter { get; init; }

    public string Mode { get; init; } = CampaignMode.OneLetter;

    public string WinnerBy { get; init; } = "opens";

    public int? TestShare { get; init; }

    public TimeSpan? TestWait { get; init; }

    public int? WaveShare { get; init; }

    public TimeSpan? WaveEvery { get; init; }

    public bool SendTimeOptimised { get; init; }

    public IReadOnlyList<CampaignVariant> Variants { get; init; } = [];
}
