namespace Connector.Store;

/// <summary>The mirrored stage of a deal and the stage its latest recorded transition went to.</summary>
public sealed record DealStateRow
{
    public required long CrmId { get; init; }

    public required string StageId { get; init; }

    public required long PipelineId { get; init; }

    public string? MovedAt { get; init; }

    public string? LastTransitionTo { get; init; }
}
