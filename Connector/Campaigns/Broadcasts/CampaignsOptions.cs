namespace Connector.Campaigns.Broadcasts;

/// <summary><c>Campaigns:*</c>: <c>IntervalSeconds</c> (0–3600, default 30) between passes of serve's campaign job; 0 = no job.</summary>
public sealed record CampaignsOptions
{
    public const string Section = "Campaigns";

    public int IntervalSeconds { get; init; } = 30;
}
