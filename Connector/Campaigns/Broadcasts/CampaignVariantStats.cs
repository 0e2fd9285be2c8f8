namespace Connector.Campaigns.Broadcasts;

/// <summary>One variant's figures for <c>campaign show</c>: queued rows, sent, delivered (sent, not bounced hard), human opens and clicks (nominal, for Dapper).</summary>
public sealed record CampaignVariantStats
{
    public string Variant { get; init; } = "";

    public long Queued { get; init; }

    public long Sent { get; init; }

    public long Delivered { get; init; }

    public long Opens { get; init; }

    public long Clicks { get; init; }

    public double OpenRate => Delivered > 0 ? (double)Opens / Delivered : 0;

    public double ClickRate => Delivered > 0 ? (double)Clicks / Delivered : 0;
}
