namespace Connector.Web.Tabs;

/// <summary>A deal or contact of the mirror with its names resolved (nominal for Dapper; SQLite types).</summary>
public sealed record TabRecordRow
{
    public long Id { get; init; }

    public string? Title { get; init; }

    public string? StageName { get; init; }

    public string? StageSemantic { get; init; }

    public string? StageColor { get; init; }

    public string? PipelineName { get; init; }

    public string? Amount { get; init; }

    public string? Currency { get; init; }

    public long? ResponsibleId { get; init; }

    public string? ResponsibleName { get; init; }
}
