using System.Globalization;
using Connector.Sync;

namespace Connector.Crm.Bitrix24.Reading;

/// <summary>
/// The lists the mirror reads. Contacts use crm.contact.list (EMAIL must be selected explicitly: no mask covers
/// multi-fields; <c>UF_*</c> selects every user field); deals use crm.item.list, the only list that returns all contact
/// bindings (contactIds) per row. Its select takes only field names or <c>*</c>, so deals are read with <c>*</c> to get
/// their user fields, and <c>useOriginalUfNames=Y</c> names them <c>UF_CRM_…</c> as contacts' are instead of camelCase
/// <c>ufCrm…</c> (api-reference/crm/contacts/crm-contact-list.md, crm/universal/crm-item-list.md).
/// </summary>
public static class ListChainSpecs
{
    private static readonly string[] ContactFields = ["ID", "NAME", "SECOND_NAME", "LAST_NAME", "ASSIGNED_BY_ID", "EXPORT", "DATE_CREATE", "DATE_MODIFY", "EMAIL", "UF_*"];
    private static readonly string[] DealFields = ["*"];
    private static readonly string[] HistoryFields = ["ID", "TYPE_ID", "OWNER_ID", "CREATED_TIME", "CATEGORY_ID", "STAGE_ID"];

    public static ListChainSpec Contacts(CrmStreamRequest request, bool count) => new()
    {
        Kind = CrmRecordKind.Contact,
        Method = "crm.contact.list",
        IdField = "ID",
        ItemsWrapped = false,
        CountFirst = count,
        IdsOnly = request.IdsOnly,
        AddFixed = q =>
        {
            q.Add("order[ID]", "ASC");
            if (request.ModifiedSince is { } since)
            {
                q.Add("filter[>=DATE_MODIFY]", Wire(since));
            }

            q.AddAll("select", request.IdsOnly ? ["ID"] : ContactFields);
        },
    };

    public static ListChainSpec Deals(CrmStreamRequest request, bool count) => new()
    {
        Kind = CrmRecordKind.Deal,
        Method = "crm.item.list",
        IdField = "id",
        ItemsWrapped = true,
        CountFirst = count,
        IdsOnly = request.IdsOnly,
        AddFixed = q =>
        {
            q.Add("entityTypeId", 2).Add("order[id]", "ASC");
            if (request.ModifiedSince is { } since)
            {
                q.Add("filter[>=updatedTime]", Wire(since));
            }

            q.AddAll("select", request.IdsOnly ? ["id"] : DealFields);
            if (!request.IdsOnly)
            {
                q.Add("useOriginalUfNames", "Y");
            }
        },
    };

    public static ListChainSpec History() => new()
    {
        Kind = CrmRecordKind.StageHistory,
        Method = "crm.stagehistory.list",
        IdField = "ID",
        ItemsWrapped = true,
        AddFixed = q => q.Add("entityTypeId", 2).Add("order[ID]", "ASC").AddAll("select", HistoryFields),
    };

    /// <summary>ISO-8601 with offset, as the portal writes it.</summary>
    public static string Wire(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
