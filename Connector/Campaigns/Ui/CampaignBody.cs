namespace Connector.Campaigns.Ui;

/// <summary>What the Campaigns page sends to create a campaign: the CLI's <c>campaign create</c> options, as fields.</summary>
public sealed record CampaignBody
{
    public string? Name { get; init; }

    public string? Template { get; init; }

    public string? Segment { get; init; }

    public string? SegmentName { get; init; }

    /// <summary>ISO-8601; without an offset, a wall-clock time in the portal's zone (each contact's with <see cref="LocalTime"/>); null = now.</summary>
    public string? At { get; init; }

    public string? Window { get; init; }

    public bool LocalTime { get; init; }

    public string? ExpireAfter { get; init; }

    public IReadOnlyList<CampaignVariantBody>? Variants { get; init; }

    public string? Mode { get; init; }

    public int? TestShare { get; init; }

    public string? TestWait { get; init; }

    public string? WinnerBy { get; init; }

    public int? WaveShare { get; init; }

    public string? WaveEvery { get; init; }

    public bool SendTimeOptimised { get; init; }
}
