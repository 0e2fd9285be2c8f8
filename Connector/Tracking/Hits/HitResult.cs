namespace Connector.Tracking.Hits;

/// <summary>The recorder's answer; for a known message also its recipient address and send key (the unsubscribe needs them).</summary>
public sealed record HitResult(HitOutcome Outcome, string? Recipient = null, string? SendKey = null)
{
    public static HitResult Pending { get; } = new(HitOutcome.Pending);

    public static HitResult Dropped { get; } = new(HitOutcome.Dropped);

    public static HitResult Unknown { get; } = new(HitOutcome.UnknownMessage);

    /// <summary>The hit is in the store (now or from an earlier identical unsubscribe).</summary>
    public bool Stored => Outcome is HitOutcome.Recorded or HitOutcome.AlreadyRecorded;
}
