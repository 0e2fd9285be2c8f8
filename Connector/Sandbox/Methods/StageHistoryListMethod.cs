using System.Text.Json.Nodes;
using Connector.Sandbox.Listing;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>
/// crm.stagehistory.list for deals (api-reference/crm/crm-stage-history-list.md): ID, TYPE_ID, OWNER_ID and
/// CATEGORY_ID as integers, the rest as strings, wrapped in <c>{"items":[...]}</c>.
/// </summary>
public static class StageHistoryListMethod
{
    private static readonly (string Name, Func<SandboxHistoryRow, JsonNode?> Value)[] Columns =
    [
        ("ID", h => h.Id),
        ("TYPE_ID", h => h.TypeId),
        ("OWNER_ID", h => h.OwnerId),
        ("CREATED_TIME", h => SandboxDates.Format(h.CreatedTime)),
        ("CATEGORY_ID", h => h.CategoryId),
        ("STAGE_SEMANTIC_ID", h => h.StageSemanticId),
        ("STAGE_ID", h => h.StageId),
    ];

    private static readonly Dictionary<string, SandboxField<SandboxHistoryRow>> Fields =
        new Dictionary<string, SandboxField<SandboxHistoryRow>>(StringComparer.OrdinalIgnoreCase)
        {
            ["ID"] = SandboxField<SandboxHistoryRow>.Number("ID", h => h.Id),
            ["TYPE_ID"] = SandboxField<SandboxHistoryRow>.Number("TYPE_ID", h => h.TypeId),
            ["OWNER_ID"] = SandboxField<SandboxHistoryRow>.Number("OWNER_ID", h => h.OwnerId),
            ["CATEGORY_ID"] = SandboxField<SandboxHistoryRow>.Number("CATEGORY_ID", h => h.CategoryId),
            ["STAGE_ID"] = SandboxField<SandboxHistoryRow>.Text("STAGE_ID", h => h.StageId),
            ["STAGE_SEMANTIC_ID"] = SandboxField<SandboxHistoryRow>.Text("STAGE_SEMANTIC_ID", h => h.StageSemanticId),
            ["CREATED_TIME"] = SandboxField<SandboxHistoryRow>.Date("CREATED_TIME", h => h.CreatedTime),
        };

    public static SandboxCallResult Run(SandboxPortal portal, JsonObject parameters)
    {
        if (SandboxParams.AsLong(SandboxParams.Get(parameters, "entityTypeId")) != 2)
        {
            return SandboxCallResult.Fail(new SandboxError(400, "ENTITY_TYPE_NOT_SUPPORTED", "Entity type is not supported"));
        }

        var page = SandboxLister.Page(
            portal.HistoryList,
            h => h.Id,
            "ID",
            SandboxFilter.Parse(SandboxParams.Get(parameters, "filter"), Fields),
            SandboxOrder<SandboxHistoryRow>.Parse(SandboxParams.Get(parameters, "order"), Fields),
            SandboxParams.AsLong(SandboxParams.Get(parameters, "start")) ?? 0);
        var select = SandboxSelect.Parse(SandboxParams.Get(parameters, "select"));
        var rows = page.Rows.Select(h =>
        {
            var row = new JsonObject();
            foreach (var (name, value) in Columns.Where(c => select.Includes(c.Name)))
            {
                row[name] = value(h);
            }

            return row;
        });
        return SandboxCallResult.List(ItemListMethod.Items(rows), page);
    }
}
