namespace Connector.Reports;

/// <summary>One message (ledger row) of a contact or deal with its engagement summary (nominal for Dapper; SQLite types).</summary>
public sealed record ReportMessageRow
{
    public long LedgerId { get; init; }

    public string SendKey { get; init; } = "";

    public string Name { get; init; } = "";

    public string Recipient { get; init; } = "";

    public string State { get; init; } = "";

    /// <summary>When the relay accepted it (the row's outcome time), for a sent row only.</summary>
    public string? SentAt { get; init; }

    public long? ReplyCode { get; init; }

    /// <summary>The ledger's last word on the row (an SMTP reply, why it was held, failed or expired).</summary>
    public string? Detail { get; init; }

    public string? FirstHumanOpenAt { get; init; }

    public long HumanOpens { get; init; }

    public long Opens { get; init; }

    public long HumanClicks { get; init; }

    public long Clicks { get; init; }

    public string? UnsubscribedAt { get; init; }

    /// <summary>hard, soft or policy (the worst), null when not bounced.</summary>
    public string? Bounce { get; init; }

    public bool Complained { get; init; }
}
