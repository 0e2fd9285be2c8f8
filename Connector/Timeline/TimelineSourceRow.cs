namespace Connector.Timeline;

/// <summary>A fact-table row joined with its message's send key (nominal for Dapper; SQLite types).</summary>
public sealed record TimelineSourceRow
{
    public long Id { get; init; }

    public long? LedgerId { get; init; }

    public long? ContactId { get; init; }

    /// <summary>open/click/unsubscribe, hard/soft/policy/complaint, or the ledger state.</summary>
    public string Kind { get; init; } = "";

    public string? Url { get; init; }

    public string At { get; init; } = "";

    public long Machine { get; init; }

    public long? ReplyCode { get; init; }

    public long? PortalId { get; init; }

    public string? Name { get; init; }

    public long? DealId { get; init; }
}
