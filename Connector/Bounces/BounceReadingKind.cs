namespace Connector.Bounces;

/// <summary>What a message in the bounce mailbox turned out to be.</summary>
public enum BounceReadingKind
{
    /// <summary>A DSN or ARF report with at least one classified recipient (see <see cref="BounceReading.Notices"/>).</summary>
    Bounces,

    /// <summary>An automatic reply (RFC 3834 <c>Auto-Submitted</c>, vacation, <c>X-Autoreply</c>, <c>Precedence: auto_reply</c>): ignored, counted.</summary>
    AutoReply,

    /// <summary>A report that is no bounce: a DSN saying delivered/relayed (2.x.x), an ARF <c>not-spam</c>, a read receipt.</summary>
    NotABounce,

    /// <summary>A report that cannot be read, or a message that is none of the above: moved to the failed folder (IMAP) or kept (POP3).</summary>
    Malformed,
}
