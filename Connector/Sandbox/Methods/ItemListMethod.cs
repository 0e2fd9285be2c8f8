using System.Text.Json.Nodes;
using Connector.Sandbox.Listing;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>
/// crm.item.list for deals (entityTypeId 2) and contacts (3): camelCase, real integers,
/// <c>{"result":{"items":[...]},"total":..}</c> (api-reference/crm/universal/crm-item-list.md).
/// </summary>
public static class ItemListMethod
{
    public static readonly IReadOnlyDictionary<string, SandboxField<SandboxDeal>> DealFields =
        new Dictionary<string, SandboxField<SandboxDeal>>(StringComparer.OrdinalIgnoreCase)
        {
            ["id"] = SandboxField<SandboxDeal>.Number("id", d => d.Id),
            ["title"] = SandboxField<SandboxDeal>.Text("title", d => d.Title),
            ["categoryId"] = SandboxField<SandboxDeal>.Number("categoryId", d => d.CategoryId),
            ["stageId"] = SandboxField<SandboxDeal>.Text("stageId", d => d.StageId),
            ["stageSemanticId"] = SandboxField<SandboxDeal>.Text("stageSemanticId", d => d.StageSemanticId),
            ["assignedById"] = SandboxField<SandboxDeal>.Number("assignedById", d => d.AssignedById),
            ["contactId"] = SandboxField<SandboxDeal>.Number("contactId", d => d.ContactId),
            ["contactIds"] = SandboxField<SandboxDeal>.Numbers("contactIds", d => d.ContactIds),
            ["currencyId"] = SandboxField<SandboxDeal>.Text("currencyId", d => d.CurrencyId),
            ["closed"] = SandboxField<SandboxDeal>.Text("closed", d => SandboxParams.YesNo(d.Closed)),
            ["createdTime"] = SandboxField<SandboxDeal>.Date("createdTime", d => d.DateCreate),
            ["updatedTime"] = SandboxField<SandboxDeal>.Date("updatedTime", d => d.DateModify),
            ["movedTime"] = SandboxField<SandboxDeal>.Date("movedTime", d => d.MovedTime),
        };

    public static readonly IReadOnlyDictionary<string, SandboxField<SandboxContact>> ContactFields =
        new Dictionary<string, SandboxField<SandboxContact>>(StringComparer.OrdinalIgnoreCase)
        {
            ["id"] = SandboxField<SandboxContact>.Number("id", c => c.Id),
            ["name"] = SandboxField<SandboxContact>.Text("name", c => c.Name),
            ["lastName"] = SandboxField<SandboxContact>.Text("lastName", c => c.LastName),
            ["assignedById"] = SandboxField<SandboxContact>.Number("assignedById", c => c.AssignedById),
            ["createdTime"] = SandboxField<SandboxContact>.Date("createdTime", c => c.DateCreate),
            ["updatedTime"] = SandboxField<SandboxContact>.Date("updatedTime", c => c.DateModify),
        };

    public static SandboxCallResult Run(SandboxPortal portal, JsonObject parameters)
    {
        var entityTypeId = SandboxParams.AsLong(SandboxParams.Get(parameters, "entityTypeId"));
        var filter = SandboxParams.Get(parameters, "filter");
        var order = SandboxParams.Get(parameters, "order");
        var start = SandboxParams.AsLong(SandboxParams.Get(parameters, "start")) ?? 0;
        var select = SandboxSelect.Parse(SandboxParams.Get(parameters, "select"));
        var originalUfNames = SandboxParams.IsTruthy(SandboxParams.Get(parameters, "useOriginalUfNames"));
        switch (entityTypeId)
        {
            case 2:
                var deals = SandboxLister.Page(portal.DealList, d => d.Id, "id", SandboxFilter.Parse(filter, DealFields),
                    SandboxOrder<SandboxDeal>.Parse(order, DealFields), start);
                return SandboxCallResult.List(Items(deals.Rows.Select(d => DealWire.ToItem(d, select, originalUfNames))), deals);
            case 3:
                var contacts = SandboxLister.Page(portal.ContactList, c => c.Id, "id", SandboxFilter.Parse(filter, ContactFields),
                    SandboxOrder<SandboxContact>.Parse(order, ContactFields), start);
                return SandboxCallResult.List(Items(contacts.Rows.Select(c => ContactWire.ToItem(c, select, originalUfNames))), contacts);
            case null:
                return SandboxCallResult.Fail(SandboxError.InvalidArgument("Parameter 'entityTypeId' is required"));
            default:
                // crm-category-list.md documents NOT_FOUND "Smart process not found" for unknown types.
                return SandboxCallResult.Fail(new SandboxError(400, "NOT_FOUND", "Smart process not found"));
        }
    }

    public static JsonObject Items(IEnumerable<JsonObject> rows) =>
        new() { ["items"] = new JsonArray([.. rows.Cast<JsonNode>()]) };
}
