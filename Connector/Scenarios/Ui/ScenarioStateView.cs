namespace Connector.Scenarios.Ui;

/// <summary>A scenario's state after pause or resume.</summary>
public sealed record ScenarioStateView(long Id, string State, string? StateReason);
