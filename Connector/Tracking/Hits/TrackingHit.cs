using Connector.Sending.Tokens;

namespace Connector.Tracking.Hits;

/// <summary>
/// One hit to record: the message (a verified token's), what it was, when, the agent's verdict, and for a click the
/// signed URL; for an unsubscribe the scope and the reader's reason (capped).
/// </summary>
public sealed record TrackingHit(HitKind Kind, MessageRef Message, DateTimeOffset At, AgentVerdict Agent)
{
    public string? Url { get; init; }

    public Unsubscribe.UnsubscribeScope? Scope { get; init; }

    public string? Detail { get; init; }
}
