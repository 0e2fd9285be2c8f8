namespace Connector.Sandbox;

/// <summary>A deal stage (crm.status.list row). Semantics is "process", "success" or "failure".</summary>
public sealed record SandboxStage(long Id, int CategoryId, string StatusId, string Name, int Sort, string Semantics, string Color, bool System)
{
    public string EntityId => CategoryId == 0 ? "DEAL_STAGE" : $"DEAL_STAGE_{CategoryId}";

    /// <summary>STAGE_SEMANTIC_ID letter: P in progress, S success, F failure.</summary>
    public string SemanticId => Semantics switch
    {
        "success" => "S",
        "failure" => "F",
        _ => "P",
    };

    public bool IsFinal => SemanticId != "P";
}
