namespace Connector.Feed;

/// <summary>What a result says happened to one message (one ledger row).</summary>
public enum ResultKind
{
    /// <summary>The relay accepted the message (the ledger row settled as sent).</summary>
    Sent,

    /// <summary>A pixel hit (every hit; <see cref="ResultFact.Machine"/> flags proxies and scanners).</summary>
    Opened,

    /// <summary>A tracked link followed (every hit, with its <see cref="ResultFact.Url"/>).</summary>
    Clicked,

    /// <summary>An unsubscribe from the message's page or its one-click header.</summary>
    Unsubscribed,

    /// <summary>A hard bounce: a DSN 5.1.x/5.2.1, or a 5xx refusal at send time.</summary>
    BouncedHard,

    /// <summary>A soft bounce (DSN 4.x.x).</summary>
    BouncedSoft,

    /// <summary>A policy bounce (5.7.x, 4.7.x): never a suppression.</summary>
    BouncedPolicy,

    /// <summary>An ARF complaint.</summary>
    Complained,
}
