namespace Connector.Timeline;

/// <summary>
/// <c>Timeline:*</c>: write-back of results to the CRM timeline. <c>Enabled</c> (default true) adds the dispatch job to
/// serve's scheduler; <c>IntervalSeconds</c> between passes; <c>MaxAttempts</c> before an entry is marked failed;
/// <c>Language</c> when the portal does not say (ru or en).
/// </summary>
public sealed record TimelineOptions
{
    public const string Section = "Timeline";

    public bool Enabled { get; init; } = true;

    public int IntervalSeconds { get; init; } = 10;

    public int MaxAttempts { get; init; } = 30;

    public string Language { get; init; } = "ru";

    /// <summary>Entries read per portal and pass (in id order); a pass writes them in batches of 50.</summary>
    public int PassSize { get; init; } = 2000;
}
