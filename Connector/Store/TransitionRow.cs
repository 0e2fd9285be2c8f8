namespace Connector.Store;

public sealed record TransitionRow
{
    public long Id { get; init; }

    public long DealId { get; init; }

    public string? FromStage { get; init; }

    public string ToStage { get; init; } = "";

    public long? FromPipeline { get; init; }

    public long ToPipeline { get; init; }

    public string OccurredAt { get; init; } = "";

    public string DetectedBy { get; init; } = "";

    public long? HistoryId { get; init; }
}
