namespace Connector.Scenarios;

/// <summary>
/// What the engine may look at when it decides a step: the deal's current stage and its semantics from the mirror, the
/// contact's suppression, which of this enrollment's e-mails were opened or clicked (machine hits excluded; a click
/// counts as an open), field values by <c>contact.X</c>/<c>deal.X</c>, and the contact's time zone.
/// </summary>
public sealed record EnrollmentFacts
{
    public string? DealStage { get; init; }

    public long? DealPipeline { get; init; }

    /// <summary>P in progress, S won, F lost.</summary>
    public string? DealSemantic { get; init; }

    public bool DealMissing { get; init; }

    /// <summary>The deal's responsible user (ASSIGNED_BY_ID), who a to-do step is for.</summary>
    public long? DealAssignedBy { get; init; }

    public bool ContactMissing { get; init; }

    /// <summary>The suppression reason of the address a send would go to (unsubscribed, hard_bounce, …), null when none.</summary>
    public string? Suppressed { get; init; }

    public IReadOnlySet<string> Opened { get; init; } = new HashSet<string>();

    public IReadOnlySet<string> Clicked { get; init; } = new HashSet<string>();

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The contact's latest human open and click of any e-mail of this portal (scenario sends or campaigns).</summary>
    public DateTimeOffset? LastOpenAny { get; init; }

    public DateTimeOffset? LastClickAny { get; init; }

    /// <summary>The saved segments (of those the version's conditions name) the contact is in now.</summary>
    public IReadOnlySet<string> Segments { get; init; } = new HashSet<string>();
}
