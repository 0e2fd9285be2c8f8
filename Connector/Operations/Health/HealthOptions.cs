namespace Connector.Operations.Health;

/// <summary>
/// <c>Health:MaxSyncAge</c>: a portal whose last successful sync is older is not ready (default 1 h; <c>00:00:00</c>
/// turns the check off); <c>Health:SmtpProbeInterval</c>: how long a relay's TCP connect result is reused (default 30 s).
/// </summary>
public sealed record HealthOptions
{
    public const string Section = "Health";

    public TimeSpan MaxSyncAge { get; init; } = TimeSpan.FromHours(1);

    public TimeSpan SmtpProbeInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest one check may take before it counts as failed.</summary>
    public TimeSpan CheckTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
