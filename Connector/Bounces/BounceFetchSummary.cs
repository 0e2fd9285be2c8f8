namespace Connector.Bounces;

/// <summary>
/// What one fetch did (the <c>bounces fetch --json</c> object): messages read; bounce events recorded by kind (a notice
/// recorded before counts as a duplicate); addresses suppressed now; automatic replies and non-bounce reports ignored;
/// malformed messages (moved to the failed folder, or kept), kept messages skipped; notices that matched no ledger row;
/// VERP tokens that did not verify; mailboxes that could not be read (one line each, never a secret).
/// </summary>
public sealed class BounceFetchSummary
{
    public int Messages { get; set; }

    public int Hard { get; set; }

    public int Soft { get; set; }

    public int Policy { get; set; }

    public int Complaints { get; set; }

    public int Duplicates { get; set; }

    public int Suppressed { get; set; }

    public int AutoReplies { get; set; }

    public int NotBounces { get; set; }

    public int Malformed { get; set; }

    public int KeptSkipped { get; set; }

    public int Unmatched { get; set; }

    public int UnknownTokens { get; set; }

    public List<string> Problems { get; } = [];

    public void Count(BounceKind kind)
    {
        switch (kind)
        {
            case BounceKind.Hard: Hard++; break;
            case BounceKind.Soft: Soft++; break;
            case BounceKind.Policy: Policy++; break;
            default: Complaints++; break;
        }
    }
}
