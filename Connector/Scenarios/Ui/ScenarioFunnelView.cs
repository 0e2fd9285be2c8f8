namespace Connector.Scenarios.Ui;

/// <summary>The funnel of one version: a row per step, in the file's order.</summary>
public sealed record ScenarioFunnelView(long Id, long Version, IReadOnlyList<StepFunnel> Steps);
