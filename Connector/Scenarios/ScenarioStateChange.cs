namespace Connector.Scenarios;

/// <summary>
/// What a pause, resume or stop did: the scenario's state after it, or why it was refused (no such scenario, a state
/// that does not allow it, or — for resume — the reason the scenario paused itself that still holds).
/// </summary>
public sealed record ScenarioStateChange(bool Done, ScenarioRow? Scenario, string? Refusal)
{
    public bool Missing => Scenario is null;
}
