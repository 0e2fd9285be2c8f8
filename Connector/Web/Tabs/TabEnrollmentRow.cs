namespace Connector.Web.Tabs;

/// <summary>An enrollment of the card's record with its scenario and due step (nominal for Dapper).</summary>
public sealed record TabEnrollmentRow
{
    public long Id { get; init; }

    public long ScenarioId { get; init; }

    public string Scenario { get; init; } = "";

    public long Version { get; init; }

    public string SubjectKind { get; init; } = "";

    public string State { get; init; } = "";

    public string? ExitReason { get; init; }

    public string? Step { get; init; }

    public string? DueAt { get; init; }

    public string EnteredAt { get; init; } = "";
}
