namespace Connector.Sending.Ledger;

/// <summary>
/// How a <see cref="SendRunner"/> runs: rows in flight at once, rows reserved per transaction, its id and lease (several
/// runners may share a store file), the sending domain its composers sign as, and the throttles it applies.
/// </summary>
public sealed record SendRunnerOptions
{
    /// <summary>Messages being sent at once (one per SMTP connection the runner uses).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>
    /// Rows rendered, composed and DKIM-signed at once, ahead of the <see cref="Workers"/> senders (default: one per
    /// core), so composing does not wait behind a sender's SMTP replies.
    /// </summary>
    public int ComposeWorkers { get; init; } = Environment.ProcessorCount;

    public int BatchSize { get; init; } = 200;

    /// <summary><c>Sending:Profile=true</c>: CPU per stage and message is measured here (null = not measured).</summary>
    public Profiling.SendStages? Stages { get; init; }

    public string RunnerId { get; init; } = Guid.NewGuid().ToString("N");

    /// <summary>How long the runner's rows stay its own without a heartbeat; renewed every third of it while running.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The From domain the runner sends as: its warm-up budget is counted against this domain.</summary>
    public string SenderDomain { get; init; } = string.Empty;

    /// <summary>Send only this key's rows (a campaign run); null = every due row, whatever its key.</summary>
    public string? SendKey { get; init; }

    /// <summary>Send only rows with a stored letter (<c>queued_letters</c>): serve's runner (<see cref="Queue.QueuedLetterRunner"/>).</summary>
    public bool QueuedOnly { get; init; }

    public FrequencyCap Cap { get; init; } = FrequencyCap.None;

    /// <summary>The configured quiet hours and zones (<see cref="SendSettingKeys"/>); each portal's own settings win for its rows.</summary>
    public QuietHours? Quiet { get; init; }

    public TimeZoneInfo? QuietZone { get; init; }

    public TimeZoneInfo DefaultZone { get; init; } = TimeZoneInfo.Utc;

    public WarmUpPlan WarmUp { get; init; } = WarmUpPlan.None;

    public RateLimits Rates { get; init; } = RateLimits.None;

    /// <summary>How long a recipient domain is paused after a policy block (stored: later runs respect it too).</summary>
    public TimeSpan PolicyPause { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// <c>Sending:Transactional:RetryUnknown</c>: transactional rows whose outcome is unknown (connection lost after the
    /// end of DATA, runner died while sending) are retried — at least once, same Message-ID — instead of left unknown.
    /// Campaign and scenario mail is never retried (at most once).
    /// </summary>
    public bool RetryUnknownTransactional { get; init; }

    /// <summary>Reads <c>Sending:Profile</c> (true/false; default false): a measurer for the runner, composers and transport, or null.</summary>
    public static Profiling.SendStages? StagesFrom(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return bool.TryParse(configuration["Sending:Profile"], out var profile) && profile ? new Profiling.SendStages() : null;
    }

    /// <summary>Reads <c>Sending:Transactional:RetryUnknown</c> (true/false; default false).</summary>
    public static bool RetryUnknownFrom(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return bool.TryParse(configuration["Sending:Transactional:RetryUnknown"], out var retry) && retry;
    }
}
