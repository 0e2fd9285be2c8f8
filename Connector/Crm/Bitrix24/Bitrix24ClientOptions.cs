namespace Connector.Crm.Bitrix24;

/// <summary>Tunables of the "bitrix24" pipeline. Defaults follow limits.md and the official JS SDK limiters.</summary>
public sealed record Bitrix24ClientOptions
{
    /// <summary>Bitrix24 kills a request after 60 s, so waiting longer for one attempt is pointless.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public int RetryCount { get; set; } = 4;

    /// <summary>First retry delay; doubles per attempt, ±<see cref="RetryJitter"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public double RetryJitter { get; set; } = 0.2;

    /// <summary>Rate plan of portals until <see cref="IBitrix24Client.SetPlan"/> says otherwise.</summary>
    public Bitrix24Plan DefaultPlan { get; set; } = Bitrix24Plan.Standard;

    /// <summary>
    /// Requests kept free below the burst. The portal starts counting when a request ARRIVES; the first one of a run
    /// arrives late (connection set-up), so the portal's bucket can sit up to a request or two above this copy.
    /// Measured: without headroom a 98-request sync provoked one 503 (scripts/bench-sync.sh); with 2 it provoked none.
    /// </summary>
    public double BurstHeadroom { get; set; } = 2;

    /// <summary>Operating-time limit per method per 10 minutes (480 s in limits.md).</summary>
    public TimeSpan OperatingLimit { get; set; } = TimeSpan.FromSeconds(480);

    /// <summary>Share of <see cref="OperatingLimit"/> after which calls of that method are slowed down.</summary>
    public double OperatingSlowdownShare { get; set; } = 0.8;

    public TimeSpan OperatingMaxDelay { get; set; } = TimeSpan.FromSeconds(7);

    /// <summary>How long a method stays blocked after 429 when no <c>operating_reset_at</c> is known.</summary>
    public TimeSpan OperatingBlockFallback { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Shortest block after 429, also when its <c>operating_reset_at</c> has already passed (whole seconds on the wire).</summary>
    public TimeSpan OperatingBlockMinimum { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest block after 429: the operating time is summed over 10 one-minute baskets (limits.md).</summary>
    public TimeSpan OperatingWindow { get; set; } = TimeSpan.FromMinutes(10);
}
