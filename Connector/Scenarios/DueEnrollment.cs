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

    /// <summary>An explicit entry's variables (JSON object), given to every send as <c>vars.*</c>; null for trigger entries.</summary>
    public string? Variables { get; init; }

    public IReadOnlyDictionary<string, string?> VariableValues() =>
        Variables is null ? new Dictionary<string, string?>() : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string?>>(Variables) ?? [];

    public EnrollmentState ToState() => new()
    {
        Id = EnrollmentId, ScenarioId = ScenarioId, Version = (int)Version, Step = Step,
        Subject = SubjectKind == "deal" ? Scenarios.SubjectKind.Deal : Scenarios.SubjectKind.Contact, DealId = DealId, ContactId = ContactId,
    };
}
