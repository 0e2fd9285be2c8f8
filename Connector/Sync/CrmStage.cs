namespace Connector.Sync;

/// <summary>A pipeline stage. Semantic is P (process), S (success) or F (failure).</summary>
public sealed record CrmStage(string StageId, long PipelineId, string Name, int Sort, string Semantic, string? Color);
