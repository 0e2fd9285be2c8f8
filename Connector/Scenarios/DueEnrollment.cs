namespace Connector.Scenarios;

/// <summary>A claimed due step: the enrollment, its scenario and version, and the step to run.</summary>
public sealed record DueEnrollment
{
    public long EnrollmentId { get; init; }

    public long ScenarioId { get; init; }

    public string ScenarioName { get; init; } = "";

    public long Version { get; init; }

    public string Step { get; init; } = "";

    public long PortalId { get; init; }

    public string SubjectKind { get; init; } = "";

    public long? ContactId { get; init; }

    public long? DealId { get; init; }

    public EnrollmentState ToState() => new()
    {
        Id = EnrollmentId, ScenarioId = ScenarioId, Version = (int)Version, Step = Step,
        Subject = SubjectKind == "deal" ? Scenarios.SubjectKind.Deal : Scenarios.SubjectKind.Contact, DealId = DealId, ContactId = ContactId,
    };
}
