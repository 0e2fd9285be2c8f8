namespace Connector.Store;

public sealed record StageRow
{
    public long PipelineId { get; init; }

    public string PipelineName { get; init; } = "";

    public long IsDefault { get; init; }

    public string StageId { get; init; } = "";

    public string Name { get; init; } = "";

    public long Sort { get; init; }

    public string Semantic { get; init; } = "";

    public long Deals { get; init; }
}
