using System.Text.Json;
using Connector.Sync;

namespace Connector.Crm.Bitrix24.Reading;

/// <summary>Wire rows (crm.contact.list, crm.item.list, crm.stagehistory.list, crm.category.list, crm.status.list) → CRM records.</summary>
public static class WireParsers
{
    public static CrmContact Contact(JsonElement row)
    {
        var emails = new List<CrmEmail>();
        if (RowFields.Array(row, "EMAIL") is { } list)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException($"field EMAIL should hold objects but holds {item.ValueKind.ToString().ToLowerInvariant()}");
                }

                if (RowFields.Text(item, "VALUE") is { Length: > 0 } value)
                {
                    emails.Add(new CrmEmail(value, RowFields.Text(item, "VALUE_TYPE")));
                }
            }
        }

        return new CrmContact
        {
            Id = RowFields.Id(row, "ID"),
            Name = RowFields.Text(row, "NAME"),
            SecondName = RowFields.Text(row, "SECOND_NAME"),
            LastName = RowFields.Text(row, "LAST_NAME"),
            AssignedById = RowFields.Number(row, "ASSIGNED_BY_ID"),
            Export = RowFields.YesNo(row, "EXPORT"),
            CreatedAt = RowFields.Instant(row, "DATE_CREATE"),
            ModifiedAt = RowFields.Instant(row, "DATE_MODIFY"),
            Emails = emails,
        };
    }

    public static CrmDeal Deal(JsonElement row)
    {
        var contactIds = new List<long>();
        if (RowFields.Array(row, "contactIds") is { } ids)
        {
            foreach (var id in ids.EnumerateArray())
            {
                contactIds.Add(id.ValueKind == JsonValueKind.Number ? id.GetInt64() : long.Parse(id.GetString() ?? "", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        else if (RowFields.Number(row, "contactId") is { } single and > 0)
        {
            contactIds.Add(single);
        }

        return new CrmDeal
        {
            Id = RowFields.Id(row, "id"),
            Title = RowFields.Text(row, "title"),
            StageId = RowFields.RequiredText(row, "stageId"),
            CategoryId = RowFields.Number(row, "categoryId") ?? 0,
            StageSemantic = RowFields.Text(row, "stageSemanticId"),
            Amount = RowFields.Money(row, "opportunity"),
            Currency = RowFields.Text(row, "currencyId"),
            AssignedById = RowFields.Number(row, "assignedById"),
            ContactIds = contactIds,
            CreatedAt = RowFields.Instant(row, "createdTime"),
            ModifiedAt = RowFields.Instant(row, "updatedTime"),
            MovedAt = RowFields.Instant(row, "movedTime"),
        };
    }

    public static CrmStageHistoryEntry History(JsonElement row) => new(
        RowFields.Id(row, "ID"),
        RowFields.Id(row, "OWNER_ID"),
        (int)RowFields.Id(row, "TYPE_ID"),
        RowFields.RequiredText(row, "STAGE_ID"),
        RowFields.Number(row, "CATEGORY_ID") ?? 0,
        RowFields.Instant(row, "CREATED_TIME") ?? throw new FormatException("field CREATED_TIME is missing"));

    public static CrmPipeline Pipeline(JsonElement row) => new(
        RowFields.Id(row, "id"),
        RowFields.Text(row, "name") ?? "",
        (int)(RowFields.Number(row, "sort") ?? 0),
        RowFields.YesNo(row, "isDefault") ?? false);

    public static CrmStage Stage(JsonElement row, long pipelineId)
    {
        var semantics = RowFields.Text(row, "SEMANTICS");
        if (semantics is null && row.TryGetProperty("EXTRA", out var extra) && extra.ValueKind == JsonValueKind.Object)
        {
            semantics = RowFields.Text(extra, "SEMANTICS");
        }

        var semantic = semantics switch
        {
            "S" or "success" => "S",
            "F" or "failure" => "F",
            _ => "P",
        };
        return new CrmStage(
            RowFields.RequiredText(row, "STATUS_ID"),
            pipelineId,
            RowFields.Text(row, "NAME") ?? "",
            (int)(RowFields.Number(row, "SORT") ?? 0),
            semantic,
            RowFields.Text(row, "COLOR"));
    }
}
