namespace Connector.Sending.Ledger;

/// <summary>Where a (send key, recipient) row stands; the text forms are the ledger's <c>state</c> column.</summary>
public static class LedgerState
{
    public const string Queued = "queued";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Deferred = "deferred";
    public const string Failed = "failed";
    public const string Suppressed = "suppressed";
    public const string Expired = "expired";

    /// <summary>
    /// The connection failed after the end of DATA, or the runner died while the row was <see cref="Sending"/>: the server
    /// may have accepted the message. Never resent (at most once), unless transactional mail is set to retry.
    /// </summary>
    public const string Unknown = "unknown";

    /// <summary>A paused campaign's unsent row (0022): in no due index, so no runner takes it; resume puts it back.</summary>
    public const string Held = "held";

    /// <summary>A cancelled campaign's row that was never handed to SMTP (0022); final.</summary>
    public const string Cancelled = "cancelled";
}
