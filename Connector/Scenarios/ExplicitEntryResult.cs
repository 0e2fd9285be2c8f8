namespace Connector.Scenarios;

/// <summary>
/// What an explicit entry did: the enrollment (new, or the first one for a replayed entry key), or why no one entered
/// (<see cref="Refused"/>, one of the constants here, with a sentence for people).
/// </summary>
public sealed record ExplicitEntryResult
{
    public const string UnknownScenario = "unknown_scenario";
    public const string NotExplicit = "not_explicit";
    public const string NotActive = "not_active";
    public const string UnknownDeal = "unknown_deal";
    public const string UnknownContact = "unknown_contact";
    public const string NoContact = "no_contact";
    public const string ReEntry = "re_entry";
    public const string StillEnrolled = "still_enrolled";
    public const string Conflict = "conflict";

    public long? EnrollmentId { get; init; }

    public long? ScenarioId { get; init; }

    public bool Replayed { get; init; }

    public string? Refused { get; init; }

    public string? Detail { get; init; }

    public static ExplicitEntryResult Refuse(string reason, string detail) => new() { Refused = reason, Detail = detail };
}
