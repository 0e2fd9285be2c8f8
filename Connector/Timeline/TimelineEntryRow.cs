using Connector.Store;

namespace Connector.Timeline;

/// <summary>An outbox row as Dapper reads it (nominal, SQLite types).</summary>
public sealed record TimelineEntryRow
{
    public long Id { get; init; }

    public long PortalId { get; init; }

    public long ContactId { get; init; }

    public long? DealId { get; init; }

    public long LedgerId { get; init; }

    public string Kind { get; init; } = "";

    public string Action { get; init; } = "";

    public string Name { get; init; } = "";

    public string? Url { get; init; }

    public string OccurredAt { get; init; } = "";

    public string State { get; init; } = "";

    public string? CrmId { get; init; }

    public string? Reason { get; init; }

    public long Attempts { get; init; }

    public long Uncertain { get; init; }

    public string NextAttemptAt { get; init; } = "";

    public TimelineEntry ToEntry() => new()
    {
        Id = Id,
        PortalId = PortalId,
        ContactId = ContactId,
        DealId = DealId,
        LedgerId = LedgerId,
        Kind = TimelineNames.Kind(Kind),
        Action = TimelineNames.Action(Action),
        Name = Name,
        Url = Url,
        OccurredAt = UtcText.Parse(OccurredAt),
        Attempts = (int)Attempts,
        Uncertain = Uncertain == 1,
        NextAttemptAt = UtcText.Parse(NextAttemptAt),
    };
}
