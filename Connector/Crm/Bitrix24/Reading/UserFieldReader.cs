using System.Text.Json;
using Connector.Sync;

namespace Connector.Crm.Bitrix24.Reading;

/// <summary>
/// Reads a row's user fields (<c>UF_CRM_…</c>; crm.item.list with <c>useOriginalUfNames=Y</c> sends the same names).
/// Wire shapes (api-reference/crm/contacts/crm-contact-get.md, crm/deals/crm-deal-get.md, crm/universal/crm-item-get.md):
/// strings, numbers (usually as strings), <c>true</c>/<c>false</c>, arrays for multiple fields; an empty field is
/// <c>""</c>, <c>null</c>, <c>false</c> or <c>[]</c>. Composite values (files, addresses: JSON objects) are not mirrored.
/// Anything else, such as an array inside an array, is a <see cref="Bitrix24FieldException"/>: the record is skipped.
/// </summary>
public static class UserFieldReader
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Read(JsonElement row)
    {
        Dictionary<string, IReadOnlyList<string>>? fields = null;
        foreach (var property in row.EnumerateObject())
        {
            if (!property.Name.StartsWith("UF_", StringComparison.Ordinal))
            {
                continue;
            }

            if (Values(property.Name, property.Value) is { } values)
            {
                fields ??= new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                fields[property.Name] = values;
            }
        }

        return fields ?? CrmCustomFields.None;
    }

    private static List<string>? Values(string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return null;
        }

        var values = new List<string>();
        if (value.ValueKind != JsonValueKind.Array)
        {
            AddScalar(field, value, values);
            return values;
        }

        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                return null;
            }

            AddScalar(field, item, values);
        }

        return values;
    }

    private static void AddScalar(string field, JsonElement value, List<string> values)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String when value.GetString() is { Length: > 0 } text:
                values.Add(text);
                break;
            case JsonValueKind.Number:
                values.Add(value.GetRawText());
                break;
            case JsonValueKind.True:
                values.Add("Y");
                break;
            case JsonValueKind.String or JsonValueKind.Null or JsonValueKind.False:
                break;
            default:
                throw new Bitrix24FieldException(field, value.ValueKind, "a user-field value (text, number, boolean or a list of them)");
        }
    }
}
