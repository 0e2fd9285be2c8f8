namespace Connector.Campaigns.Experiments;

/// <summary>One variant's results so far: messages sent and how many of them succeeded (a human open, or a click).</summary>
public sealed record VariantCounts(string Variant, long Sent, long Successes)
{
    public double Rate => Sent > 0 ? (double)Successes / Sent : 0;
}
