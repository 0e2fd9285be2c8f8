namespace Connector.Scenarios.Ui;

/// <summary>What the editor offers: the portal's pipelines with their stages (names from the mirror), the stored templates, the saved segments and the RFM segments' codes.</summary>
public sealed record ScenarioLookups(IReadOnlyList<PipelineOption> Pipelines, IReadOnlyList<string> Templates, IReadOnlyList<string> Segments, IReadOnlyList<string> RfmSegments);
