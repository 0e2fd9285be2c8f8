namespace Connector.Feed;

/// <summary>A fact-table or ledger row joined with its message and send key, as SQLite returns it (nominal for Dapper).</summary>
public sealed record ResultsFeedRow
{
    public long Id { get; init; }

    public long? LedgerId { get; init; }

    public string? SendKey { get; init; }

    public string? Recipient { get; init; }

    public long? ContactId { get; init; }

    /// <summary>open/click/unsubscribe, hard/soft/policy/complaint, or the ledger state.</summary>
    public string Kind { get; init; } = "";

    public string? Url { get; init; }

    public string? Status { get; init; }

    public string At { get; init; } = "";

    public long Machine { get; init; }

    public long? ReplyCode { get; init; }

    public long? PortalId { get; init; }

    public string? Name { get; init; }

    public long? DealId { get; init; }
}
