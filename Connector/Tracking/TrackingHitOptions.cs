namespace Connector.Tracking;

/// <summary>
/// Section <c>Tracking</c> (beside <c>BaseUrl</c> and <c>SigningKey</c>, which Sending owns): the machine-hit rules and
/// how long the endpoints wait for a hit's commit.
/// </summary>
public sealed record TrackingHitOptions
{
    public const string Section = "Tracking";

    /// <summary>An open or click this many seconds or less after delivery is a machine's (a scanner or a prefetching proxy).</summary>
    public int MachineWindowSeconds { get; init; } = 10;

    /// <summary>A click on another link of the same message within this many milliseconds of the previous click is a machine's.</summary>
    public int LinkBurstMilliseconds { get; init; } = 1000;

    /// <summary>How long the pixel waits for its hit's commit before it answers anyway (the hit stays queued).</summary>
    public int PixelWaitMilliseconds { get; init; } = 200;

    /// <summary>How long a click or unsubscribe waits for its commit (see README, Tracking, for what happens after).</summary>
    public int RecordWaitMilliseconds { get; init; } = 3000;

    /// <summary>Hits waiting for the writer at most; beyond it a hit is not recorded (logged and counted).</summary>
    public int QueueCapacity { get; init; } = 100_000;

    /// <summary>
    /// <c>Full</c>: every commit is synced to disk before its hits are answered (survives a power loss).
    /// <c>Normal</c>: written to the WAL, synced at checkpoints (survives a crash of the connector, not of the machine).
    /// </summary>
    public TrackingSynchronous Synchronous { get; init; } = TrackingSynchronous.Full;

    /// <summary>Hits per transaction at most.</summary>
    public int BatchSize { get; init; } = 2048;
}
