using System.Text.Json.Nodes;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>
/// Deal rows on the wire. Legacy crm.deal.get: strings, Y/N, OPPORTUNITY "1000000.00" (api-reference/crm/deals/crm-deal-get.md).
/// crm.item (entityTypeId 2): integer ids, number opportunity, <c>contactIds</c> array, closed "Y"/"N"
/// (api-reference/crm/universal/crm-item-get.md, object-fields.md). User fields as <see cref="SandboxUserFields"/> describes:
/// crm.deal.get returns them all, crm.item.list with <c>*</c>.
/// </summary>
public static class DealWire
{
    private static readonly (string Name, Func<SandboxDeal, JsonNode?> Value)[] LegacyFields =
    [
        ("ID", d => SandboxParams.Text(d.Id)),
        ("TITLE", d => d.Title),
        ("TYPE_ID", _ => "SALE"),
        ("CATEGORY_ID", d => SandboxParams.Text(d.CategoryId)),
        ("STAGE_ID", d => d.StageId),
        ("STAGE_SEMANTIC_ID", d => d.StageSemanticId),
        ("IS_NEW", d => SandboxParams.YesNo(d.StageSemanticId == "P" && d.MovedTime == d.DateCreate)),
        ("CONTACT_ID", d => d.ContactId == 0 ? null : SandboxParams.Text(d.ContactId)),
        ("OPPORTUNITY", d => SandboxParams.Text(d.Opportunity)),
        ("CURRENCY_ID", d => d.CurrencyId),
        ("CLOSED", d => SandboxParams.YesNo(d.Closed)),
        ("OPENED", _ => "Y"),
        ("ASSIGNED_BY_ID", d => SandboxParams.Text(d.AssignedById)),
        ("DATE_CREATE", d => SandboxDates.Format(d.DateCreate)),
        ("DATE_MODIFY", d => SandboxDates.Format(d.DateModify)),
        ("MOVED_TIME", d => SandboxDates.Format(d.MovedTime)),
    ];

    private static readonly (string Name, Func<SandboxDeal, JsonNode?> Value)[] ItemFields =
    [
        ("id", d => d.Id),
        ("title", d => d.Title),
        ("typeId", _ => "SALE"),
        ("categoryId", d => d.CategoryId),
        ("stageId", d => d.StageId),
        ("stageSemanticId", d => d.StageSemanticId),
        ("opportunity", d => d.Opportunity),
        ("currencyId", d => d.CurrencyId),
        ("closed", d => SandboxParams.YesNo(d.Closed)),
        ("opened", _ => "Y"),
        ("assignedById", d => d.AssignedById),
        ("createdBy", d => d.AssignedById),
        ("updatedBy", d => d.AssignedById),
        ("movedBy", d => d.AssignedById),
        ("contactId", d => d.ContactId == 0 ? null : d.ContactId),
        ("contactIds", d => new JsonArray([.. d.ContactIds.Select(id => (JsonNode)id)])),
        ("createdTime", d => SandboxDates.Format(d.DateCreate)),
        ("updatedTime", d => SandboxDates.Format(d.DateModify)),
        ("movedTime", d => SandboxDates.Format(d.MovedTime)),
    ];

    public static JsonObject ToLegacy(SandboxDeal deal)
    {
        var row = new JsonObject();
        foreach (var (name, value) in LegacyFields)
        {
            row[name] = value(deal);
        }

        SandboxUserFields.Write(row, deal.UserFields, SandboxUserFields.DealFields, camelCase: false);
        return row;
    }

    public static JsonObject ToItem(SandboxDeal deal, SandboxSelect select, bool originalUfNames)
    {
        var row = new JsonObject();
        foreach (var (name, value) in ItemFields)
        {
            if (name == "id" || select.Includes(name))
            {
                row[name] = value(deal);
            }
        }

        if (select.All)
        {
            SandboxUserFields.Write(row, deal.UserFields, SandboxUserFields.DealFields, camelCase: !originalUfNames);
        }

        return row;
    }
}
