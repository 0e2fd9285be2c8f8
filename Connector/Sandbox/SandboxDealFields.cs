namespace Connector.Sandbox;

/// <summary>Fields for AddDeal/UpdateDeal; null means "leave as is" (or default on add).</summary>
public sealed record SandboxDealFields
{
    public string? Title { get; init; }
    public int? CategoryId { get; init; }
    public string? StageId { get; init; }
    public decimal? Opportunity { get; init; }
    public string? CurrencyId { get; init; }
    public long? AssignedById { get; init; }
    public IReadOnlyList<long>? ContactIds { get; init; }

    /// <summary>User fields to set (UF_CRM_… → wire value); null leaves them as they are.</summary>
    public IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?>? UserFields { get; init; }
}
