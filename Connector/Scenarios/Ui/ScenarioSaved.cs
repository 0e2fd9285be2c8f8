namespace Connector.Scenarios.Ui;

/// <summary>What a save stored: the scenario, its version, and whether the version (or the scenario) is new; false: nothing changed.</summary>
public sealed record ScenarioSaved(long Id, string Name, long Version, bool NewVersion, bool NewScenario);
