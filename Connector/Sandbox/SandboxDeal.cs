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
}
