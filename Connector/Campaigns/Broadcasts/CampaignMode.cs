namespace Connector.Campaigns.Broadcasts;

/// <summary>How a campaign sends: one letter to all, an A/B test then the winner, or bandit waves (the <c>mode</c> column).</summary>
public static class CampaignMode
{
    public const string OneLetter = "single";
    public const string Ab = "ab";
    public const string Bandit = "bandit";
}
