namespace Connector.Webhooks;

/// <summary>
/// <c>Webhooks:*</c>: <c>Enabled</c> (default true) adds the delivery job to serve's scheduler every <c>IntervalSeconds</c>;
/// <c>Timeout</c> of one POST; <c>RetryWindow</c> after an event is queued during which failures are retried (then failed);
/// <c>DisableAfter</c> of continuous failure that disables a subscriber; <c>RetryBaseDelay</c>/<c>RetryMaxDelay</c> of
/// the exponential backoff (with jitter); <c>AllowPrivate</c> lets subscriber URLs resolve to loopback/private/link-local
/// addresses (tests, a relay on the same host).
/// </summary>
public sealed record WebhooksOptions
{
    public const string Section = "Webhooks";

    public bool Enabled { get; init; } = true;

    public int IntervalSeconds { get; init; } = 10;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryWindow { get; init; } = TimeSpan.FromHours(24);

    public TimeSpan DisableAfter { get; init; } = TimeSpan.FromHours(24);

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromHours(1);

    public bool AllowPrivate { get; init; }

    /// <summary>Fact rows read per source and page, and deliveries attempted per pass.</summary>
    public int PassSize { get; init; } = 500;
}
