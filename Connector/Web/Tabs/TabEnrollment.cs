namespace Connector.Web.Tabs;

/// <summary>
/// One enrollment of the card's deal or contact in a scenario: its state, the current step (its id, kind and, for a
/// send, the template) and when that step is due; an active one can be stopped from the card.
/// </summary>
public sealed record TabEnrollment(
    long Id, long ScenarioId, string Scenario, string State, string? ExitReason, string? Step, string? StepKind, string? StepTemplate,
    string? DueAt, string EnteredAt, string SubjectKind)
{
    public bool Stoppable => State == "active";
}
