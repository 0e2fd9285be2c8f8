namespace Connector.Web.Tabs;

/// <summary>
/// The card's record as people read it: names of the stage, the pipeline and the responsible user, never codes (the
/// responsible user's name comes from the mirrored <c>users</c>; null when the user is not mirrored yet).
/// </summary>
public sealed record TabRecord(
    string Type, long Id, string? Title, bool Synced, string? StageName, string? StageSemantic, string? StageColor, string? PipelineName,
    string? Amount, string? Currency, long? ResponsibleId, string? ResponsibleName);
