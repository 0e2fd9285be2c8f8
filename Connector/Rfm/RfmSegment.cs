namespace Connector.Rfm;

/// <summary>The named cells of the 5×5 R×F grid (mirrored by <c>rfm_scores.segment</c>'s CHECK, migration 0033).</summary>
public enum RfmSegment
{
    Champions,
    Loyal,
    PotentialLoyalists,
    NewCustomers,
    Promising,
    NeedAttention,
    AboutToSleep,
    AtRisk,
    CantLose,
    Hibernating,
}
