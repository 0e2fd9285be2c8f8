namespace Connector.Web.Tabs;

/// <summary>A ledger row of the card with its send key and engagement (nominal for Dapper; SQLite types).</summary>
public sealed record TabMessageRow
{
    public long Id { get; init; }

    public string SendKey { get; init; } = "";

    public string Name { get; init; } = "";

    public string Kind { get; init; } = "";

    public string Recipient { get; init; } = "";

    public long ContactId { get; init; }

    public string State { get; init; } = "";

    public string QueuedAt { get; init; } = "";

    public string? SentAt { get; init; }

    public string? Detail { get; init; }

    public string? FirstHumanOpenAt { get; init; }

    public long Opens { get; init; }

    public long HumanOpens { get; init; }

    public string? FirstHumanClickAt { get; init; }

    public long Clicks { get; init; }

    public long HumanClicks { get; init; }

    public string? UnsubscribedAt { get; init; }

    public string? Bounce { get; init; }

    public bool Complained { get; init; }
}
