namespace Connector.Feed;

/// <summary>
/// The fact tables a feed reads, each followed by its own id cursor: <see cref="Ledger"/> (send_ledger: sent, refused
/// at send time), <see cref="Hits"/> (engagement_hits: opened, clicked, unsubscribed), <see cref="Bounces"/>
/// (bounce_events: bounced, complained). Ids only grow (0008), so a cursor never misses a row.
/// </summary>
public enum ResultSource
{
    Ledger,
    Hits,
    Bounces,
}
