namespace Connector.Store;

public sealed record DealExportRow
{
    public long Id { get; init; }

    public string? Title { get; init; }

    public string StageId { get; init; } = "";

    public long CategoryId { get; init; }

    public string? StageSemantic { get; init; }

    public string? Amount { get; init; }

    public string? Currency { get; init; }

    public string? ContactIds { get; init; }

    public long Deleted { get; init; }

    public string? ModifiedAt { get; init; }
}
