namespace Connector.Scenarios.Ui;

/// <summary>A pipeline (deal category) of the mirror with its stages in order.</summary>
public sealed record PipelineOption(long Id, string Name, IReadOnlyList<StageOption> Stages);
