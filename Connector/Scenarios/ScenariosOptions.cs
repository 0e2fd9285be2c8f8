namespace Connector.Scenarios;

/// <summary>
/// <c>Scenarios:*</c>: <c>Enabled</c> (default true) adds the dispatch job to serve's scheduler every
/// <c>IntervalSeconds</c>; <c>TimeZoneField</c> is the contact custom field (e.g. UF_CRM_TZ) holding an IANA or Windows
/// time zone id, else <c>DefaultTimeZone</c> (default UTC) is used for wait windows; <c>BatchSize</c> due steps are
/// claimed at a time, each for <c>Lease</c>. <c>WebhookSecret</c> signs webhook steps, retried for <c>WebhookRetryWindow</c>.
/// </summary>
public sealed record ScenariosOptions
{
    public const string Section = "Scenarios";

    public bool Enabled { get; init; } = true;

    public int IntervalSeconds { get; init; } = 10;

    public string? TimeZoneField { get; init; }

    public string DefaultTimeZone { get; init; } = "UTC";

    public int BatchSize { get; init; } = 500;

    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The signing secret of webhook steps (whsec_&lt;base64&gt; or text of 16+ bytes); a webhook step waits until it is set.</summary>
    public string? WebhookSecret { get; init; }

    /// <summary>How long a webhook step is retried (with backoff) before it is recorded as failed and the enrollment goes on.</summary>
    public TimeSpan WebhookRetryWindow { get; init; } = TimeSpan.FromHours(24);
}
