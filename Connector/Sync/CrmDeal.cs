namespace Connector.Sync;

public sealed record CrmDeal
{
    public required long Id { get; init; }

    public string? Title { get; init; }

    public required string StageId { get; init; }

    public required long CategoryId { get; init; }

    /// <summary>P in progress, S success, F failure.</summary>
    public string? StageSemantic { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public long? AssignedById { get; init; }

    public IReadOnlyList<long> ContactIds { get; init; } = [];

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? ModifiedAt { get; init; }

    public DateTimeOffset? MovedAt { get; init; }

    /// <summary>The CRM's user fields by their code: each a list of values (empty when the field is empty).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CustomFields { get; init; } = CrmCustomFields.None;
}
