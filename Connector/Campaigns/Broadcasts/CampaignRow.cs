namespace Connector.Campaigns.Broadcasts;

/// <summary>A <c>campaigns</c> row (nominal, for Dapper).</summary>
public sealed record CampaignRow
{
    public long Id { get; init; }

    public long PortalId { get; init; }

    public string Name { get; init; } = "";

    public string TemplateName { get; init; } = "";

    public string? SegmentName { get; init; }

    public string SegmentExpression { get; init; } = "";

    public string State { get; init; } = "";

    public string Phase { get; init; } = "";

    public string LaunchAt { get; init; } = "";

    /// <summary>With local time and an <c>--at</c>: the wall-clock time (yyyy-MM-ddTHH:mm:ss) sent at in each contact's zone.</summary>
    public string? LocalAt { get; init; }

    public string? WindowStart { get; init; }

    public string? WindowEnd { get; init; }

    public long LocalTime { get; init; }

    public long? ExpireAfterSeconds { get; init; }

    public string Mode { get; init; } = "";

    public string WinnerBy { get; init; } = "";

    public long? TestShare { get; init; }

    public long? TestWaitSeconds { get; init; }

    public long? WaveShare { get; init; }

    public long? WaveEverySeconds { get; init; }

    public long SendTimeOptimised { get; init; }

    public string? NextStepAt { get; init; }

    public long? Audience { get; init; }

    public string? Winner { get; init; }

    public string? Verdict { get; init; }

    public string CreatedAt { get; init; } = "";

    public string UpdatedAt { get; init; } = "";

    public string SendKey => CampaignStore.SendKeyOf(Id);

    public TimeWindow? Window => WindowStart is { } s && WindowEnd is { } e ? TimeWindow.Parse($"{s}-{e}") : null;
}
