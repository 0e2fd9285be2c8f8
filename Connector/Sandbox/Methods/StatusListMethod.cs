using System.Text.Json.Nodes;
using Connector.Sandbox.Listing;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>
/// crm.status.list for deal stages (api-reference/crm/status/crm-status-list.md): ENTITY_ID DEAL_STAGE for
/// pipeline 0 and DEAL_STAGE_{n} otherwise, numbers as strings, EXTRA{SEMANTICS,COLOR}; default order SORT ASC.
/// </summary>
public static class StatusListMethod
{
    private static readonly Dictionary<string, SandboxField<SandboxStage>> Fields =
        new Dictionary<string, SandboxField<SandboxStage>>(StringComparer.OrdinalIgnoreCase)
        {
            ["ID"] = SandboxField<SandboxStage>.Number("ID", s => s.Id),
            ["ENTITY_ID"] = SandboxField<SandboxStage>.Text("ENTITY_ID", s => s.EntityId),
            ["STATUS_ID"] = SandboxField<SandboxStage>.Text("STATUS_ID", s => s.StatusId),
            ["CATEGORY_ID"] = SandboxField<SandboxStage>.Number("CATEGORY_ID", s => s.CategoryId),
            ["SORT"] = SandboxField<SandboxStage>.Number("SORT", s => s.Sort),
            ["NAME"] = SandboxField<SandboxStage>.Text("NAME", s => s.Name),
        };

    public static SandboxCallResult Run(SandboxPortal portal, JsonObject parameters)
    {
        var order = SandboxOrder<SandboxStage>.Parse(SandboxParams.Get(parameters, "order"), Fields);
        var page = SandboxLister.Page(
            portal.Stages,
            s => s.Id,
            "ID",
            SandboxFilter.Parse(SandboxParams.Get(parameters, "filter"), Fields),
            order.Count > 0 ? order : [new SandboxOrder<SandboxStage>(Fields["SORT"], false)],
            SandboxParams.AsLong(SandboxParams.Get(parameters, "start")) ?? 0);
        return SandboxCallResult.List(new JsonArray([.. page.Rows.Select(s => (JsonNode)ToRow(s))]), page);
    }

    private static JsonObject ToRow(SandboxStage stage) => new()
    {
        ["ID"] = SandboxParams.Text(stage.Id),
        ["ENTITY_ID"] = stage.EntityId,
        ["STATUS_ID"] = stage.StatusId,
        ["NAME"] = stage.Name,
        ["NAME_INIT"] = stage.System ? stage.Name : string.Empty,
        ["SORT"] = SandboxParams.Text(stage.Sort),
        ["SYSTEM"] = SandboxParams.YesNo(stage.System),
        ["CATEGORY_ID"] = stage.CategoryId == 0 ? null : SandboxParams.Text(stage.CategoryId),
        ["COLOR"] = stage.Color,
        ["SEMANTICS"] = stage.SemanticId == "P" ? null : stage.SemanticId,
        ["EXTRA"] = new JsonObject { ["SEMANTICS"] = stage.Semantics, ["COLOR"] = stage.Color },
    };
}
