namespace Connector.Scenarios;

/// <summary>An enrollment as the engine sees it: who, on which version, at which step.</summary>
public sealed record EnrollmentState
{
    public required long Id { get; init; }

    public required long ScenarioId { get; init; }

    public required int Version { get; init; }

    public required string Step { get; init; }

    public required SubjectKind Subject { get; init; }

    public long? DealId { get; init; }

    public long? ContactId { get; init; }
}
