namespace Connector.Timeline;

/// <summary>One outbox entry as the dispatcher works on it.</summary>
public sealed record TimelineEntry
{
    public required long Id { get; init; }

    public required long PortalId { get; init; }

    public required long ContactId { get; init; }

    public long? DealId { get; init; }

    public required long LedgerId { get; init; }

    public required TimelineKind Kind { get; init; }

    public required TimelineAction Action { get; init; }

    public required string Name { get; init; }

    public string? Url { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required int Attempts { get; init; }

    /// <summary>An earlier write may have reached the CRM (timeout): look before writing again.</summary>
    public required bool Uncertain { get; init; }

    public required DateTimeOffset NextAttemptAt { get; init; }
}
