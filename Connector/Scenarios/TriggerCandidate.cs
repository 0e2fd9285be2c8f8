namespace Connector.Scenarios;

/// <summary>One trigger found after a scenario's cursor: the deal or contact, who would be mailed, when it happened, and its entry key.</summary>
public sealed record TriggerCandidate
{
    public long SubjectId { get; init; }

    public long? DealId { get; init; }

    public long? ContactId { get; init; }

    public string OccurredAt { get; init; } = "";

    /// <summary>The trigger's own row: <c>t:{transition id}</c>, <c>d:{deal rowid}</c>, <c>c:{contact rowid}</c>.</summary>
    public string Source { get; init; } = "";
}
