namespace Connector.Sending.Ledger;

/// <summary>
/// What a reservation checks, inside its transaction: the runner and its lease, how many rows to take, the sending
/// domain the rows will leave from (warm-up budget), the frequency cap and quiet hours (configured; each portal's own
/// settings win for its rows), and the recipient domains paused in this pass.
/// </summary>
public sealed record ReservePolicy(string RunnerId, TimeSpan Lease, int Limit)
{
    public string SenderDomain { get; init; } = string.Empty;

    /// <summary>Only rows of this send key (a runner sending one campaign); null = every due row.</summary>
    public string? SendKey { get; init; }

    /// <summary>Only rows with a stored letter (<c>queued_letters</c>, serve's runner): never a campaign row whose letter lives in a CLI run's memory.</summary>
    public bool QueuedOnly { get; init; }

    /// <summary>The configured cap; a portal's own (<c>portal_settings</c>) wins for its rows.</summary>
    public FrequencyCap Cap { get; init; } = FrequencyCap.None;

    /// <summary>The configured quiet hours (null = none); a portal's own win for its rows.</summary>
    public QuietHours? Quiet { get; init; }

    /// <summary><c>Sending:QuietHours:TimeZone</c>: the zone of quiet hours for every portal without its own (null: the portal's zone, else <see cref="DefaultZone"/>).</summary>
    public TimeZoneInfo? QuietZone { get; init; }

    /// <summary><c>Scenarios:DefaultTimeZone</c>: the zone of a portal that names none.</summary>
    public TimeZoneInfo DefaultZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Today's warm-up budget of <see cref="SenderDomain"/>; null = no ramp.</summary>
    public long? WarmUpBudget { get; init; }

    public IReadOnlyCollection<string> PausedDomains { get; init; } = [];

    /// <summary>The host and process the runner's lease names: a lease of this host whose process is gone ends at once.</summary>
    public string? Host { get; init; }

    public int? ProcessId { get; init; }

    /// <summary>Transactional rows a dead runner left in <c>sending</c> are retried (at least once) instead of marked unknown.</summary>
    public bool RetryUnknownTransactional { get; init; }
}
