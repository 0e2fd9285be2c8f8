namespace Connector.Sandbox;

/// <summary>
/// A crm.stagehistory.list row. TypeId: 1 created, 2 intermediate stage, 3 final stage, 5 pipeline change
/// (api-reference/crm/crm-stage-history-list.md).
/// </summary>
public sealed record SandboxHistoryRow(
    long Id,
    int TypeId,
    long OwnerId,
    DateTimeOffset CreatedTime,
    int CategoryId,
    string StageSemanticId,
    string StageId);
