namespace Connector.Sandbox.Events;

/// <summary>
/// Event delivery counters: Queued = accepted for delivery (dropped ones excluded), Delivered = answered 2xx,
/// Failed = non-2xx, timeout or refused (never retried), Dropped = lost on purpose by EventLossPercent.
/// </summary>
public sealed record SandboxEventStats(long Queued, long Delivered, long Failed, long Dropped)
{
    public static readonly SandboxEventStats Empty = new(0, 0, 0, 0);
}
