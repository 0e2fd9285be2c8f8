namespace Connector.Sandbox;

public sealed record SandboxDeal(
    long Id,
    string Title,
    int CategoryId,
    string StageId,
    string StageSemanticId,
    decimal Opportunity,
    string CurrencyId,
    long AssignedById,
    IReadOnlyList<long> ContactIds,
    DateTimeOffset DateCreate,
    DateTimeOffset DateModify,
    DateTimeOffset MovedTime,
    bool Closed)
{
    /// <summary>The deprecated single CONTACT_ID: the first bound contact, 0 when none.</summary>
    public long ContactId => ContactIds.Count > 0 ? ContactIds[0] : 0;

    /// <summary>User fields (UF_CRM_…) by code, each value exactly as the wire carries it (see <see cref="SandboxUserFields"/>).</summary>
    public IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?> UserFields { get; init; } = SandboxUserFields.None;
}
