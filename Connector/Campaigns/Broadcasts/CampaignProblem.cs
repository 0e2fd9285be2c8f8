namespace Connector.Campaigns.Broadcasts;

/// <summary>One reason a campaign was refused, naming the option it concerns.</summary>
public sealed record CampaignProblem(string Option, string Message)
{
    public override string ToString() => $"{Option}: {Message}";
}
