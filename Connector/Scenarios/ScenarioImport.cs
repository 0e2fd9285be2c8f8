namespace Connector.Scenarios;

/// <summary>What an import stored: the scenario, its version, and whether that version is new (false: the same definition was already current).</summary>
public sealed record ScenarioImport(long ScenarioId, int Version, bool NewVersion, bool NewScenario);
