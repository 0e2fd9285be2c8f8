namespace Connector.Sync;

/// <summary>One row of the CRM's stage history. TypeId: 1 created, 2 intermediate stage, 3 final stage, 5 pipeline change.</summary>
public sealed record CrmStageHistoryEntry(long Id, long DealId, int TypeId, string StageId, long CategoryId, DateTimeOffset CreatedAt);
