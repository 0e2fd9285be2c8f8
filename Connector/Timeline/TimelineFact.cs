namespace Connector.Timeline;

/// <summary>One result of one message, read from a fact table, before it is fanned out into outbox entries.</summary>
public sealed record TimelineFact(long PortalId, long ContactId, long? DealId, long LedgerId, TimelineKind Kind, string Name, string? Url, DateTimeOffset At);
