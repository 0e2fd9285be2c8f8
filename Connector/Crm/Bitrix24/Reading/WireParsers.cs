using System.Text.Json;
using Connector.Sync;

namespace Connector.Crm.Bitrix24.Reading;

/// <summary>Wire rows (crm.contact.list, crm.item.list, crm.stagehistory.list, crm.category.list, crm.status.list) → CRM records.</summary>
public static class WireParsers
{
    public static CrmContact Contact(JsonElement row)
    {
        var emails = new List<CrmEmail>();
        if (OptionalArray(row, "EMAIL") is { } list)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException($"field EMAIL should hold objects but holds {item.ValueKind.ToString().ToLowerInvariant()}");
                }

                if (Bitrix24Json.ReadOptionalString(item, "VALUE") is { Length: > 0 } value)
                {
                    emails.Add(new CrmEmail(value, Bitrix24Json.ReadOptionalString(item, "VALUE_TYPE")));
                }
            }
        }

        return new CrmContact
        {
            Id = Bitrix24Json.ReadLong(row, "ID"),
            Name = Bitrix24Json.ReadOptionalString(row, "NAME"),
            SecondName = Bitrix24Json.ReadOptionalString(row, "SECOND_NAME"),
            LastName = Bitrix24Json.ReadOptionalString(row, "LAST_NAME"),
            AssignedById = Bitrix24Json.ReadOptionalLong(row, "ASSIGNED_BY_ID"),
            Export = Bitrix24Json.ReadOptionalYesNo(row, "EXPORT"),
            CreatedAt = Bitrix24Json.ReadOptionalDateTimeOffset(row, "DATE_CREATE"),
            ModifiedAt = Bitrix24Json.ReadOptionalDateTimeOffset(row, "DATE_MODIFY"),
            Emails = emails,
            CustomFields = UserFieldReader.Read(row),
        };
    }

    public static CrmDeal Deal(JsonElement row)
    {
        var contactIds = new List<long>();
        if (OptionalArray(row, "contactIds") is { } ids)
        {
            foreach (var id in ids.EnumerateArray())
            {
                contactIds.Add(id.ValueKind == JsonValueKind.Number ? id.GetInt64() : long.Parse(id.GetString() ?? "", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        else if (Bitrix24Json.ReadOptionalLong(row, "contactId") is { } single and > 0)
        {
            contactIds.Add(single);
        }

        return new CrmDeal
        {
            Id = Bitrix24Json.ReadLong(row, "id"),
            Title = Bitrix24Json.ReadOptionalString(row, "title"),
            StageId = Bitrix24Json.ReadString(row, "stageId"),
            CategoryId = Bitrix24Json.ReadOptionalLong(row, "categoryId") ?? 0,
            StageSemantic = Bitrix24Json.ReadOptionalString(row, "stageSemanticId"),
            Amount = Bitrix24Json.ReadOptionalDecimal(row, "opportunity"),
            Currency = Bitrix24Json.ReadOptionalString(row, "currencyId"),
            AssignedById = Bitrix24Json.ReadOptionalLong(row, "assignedById"),
            ContactIds = contactIds,
            CreatedAt = Bitrix24Json.ReadOptionalDateTimeOffset(row, "createdTime"),
            ModifiedAt = Bitrix24Json.ReadOptionalDateTimeOffset(row, "updatedTime"),
            MovedAt = Bitrix24Json.ReadOptionalDateTimeOffset(row, "movedTime"),
            CustomFields = UserFieldReader.Read(row),
        };
    }

    public static CrmStageHistoryEntry History(JsonElement row) => new(
        Bitrix24Json.ReadLong(row, "ID"),
        Bitrix24Json.ReadLong(row, "OWNER_ID"),
        (int)Bitrix24Json.ReadLong(row, "TYPE_ID"),
        Bitrix24Json.ReadString(row, "STAGE_ID"),
        Bitrix24Json.ReadOptionalLong(row, "CATEGORY_ID") ?? 0,
        Bitrix24Json.ReadOptionalDateTimeOffset(row, "CREATED_TIME") ?? throw new FormatException("field CREATED_TIME is missing"));

    public static CrmPipeline Pipeline(JsonElement row) => new(
        Bitrix24Json.ReadLong(row, "id"),
        Bitrix24Json.ReadOptionalString(row, "name") ?? "",
        (int)(Bitrix24Json.ReadOptionalLong(row, "sort") ?? 0),
        Bitrix24Json.ReadOptionalYesNo(row, "isDefault") ?? false);

    public static CrmStage Stage(JsonElement row, long pipelineId)
    {
        var semantics = Bitrix24Json.ReadOptionalString(row, "SEMANTICS");
        if (semantics is null && row.TryGetProperty("EXTRA", out var extra) && extra.ValueKind == JsonValueKind.Object)
        {
            semantics = Bitrix24Json.ReadOptionalString(extra, "SEMANTICS");
        }

        var semantic = semantics switch
        {
            "S" or "success" => "S",
            "F" or "failure" => "F",
            _ => "P",
        };
        return new CrmStage(
            Bitrix24Json.ReadString(row, "STATUS_ID"),
            pipelineId,
            Bitrix24Json.ReadOptionalString(row, "NAME") ?? "",
            (int)(Bitrix24Json.ReadOptionalLong(row, "SORT") ?? 0),
            semantic,
            Bitrix24Json.ReadOptionalString(row, "COLOR"));
    }

    private static JsonElement? OptionalArray(JsonElement row, string field)
    {
        if (!row.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array ? value : throw new Bitrix24FieldException(field, value.ValueKind, "an array");
    }
}
