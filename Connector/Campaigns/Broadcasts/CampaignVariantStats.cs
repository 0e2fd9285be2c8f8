namespace Connector.Campaigns.Broadcasts;

/// <summary>One variant's figures for <c>campaign show</c>: queued rows, sent, delivered (sent, not bounced hard), human opens and clicks.</summary>
public sealed record CampaignVariantStats(string Variant, long Queued, long Sent, long Delivered, long Opens, long Clicks)
{
    public double OpenRate => Delivered > 0 ? (double)Opens / Delivered : 0;

    public double ClickRate => Delivered > 0 ? (double)Clicks / Delivered : 0;
}
