namespace Connector.Scenarios.Ui;

/// <summary>What the editor offers: the portal's pipelines with their stages (names from the mirror), the stored templates and the saved segments.</summary>
public sealed record ScenarioLookups(IReadOnlyList<PipelineOption> Pipelines, IReadOnlyList<string> Templates, IReadOnlyList<string> Segments);
