using System.Text.Json;
using Connector.Sync;

namespace Connector.Crm.Bitrix24.Reading;

/// <summary>
/// One <c>crm.contact.userfield.list</c> / <c>crm.deal.userfield.list</c> row asked with <c>filter[LANG]</c>
/// (api-reference/crm/contacts/userfield/crm-contact-userfield-list.md, crm/deals/user-defined-fields/crm-deal-userfield-list.md):
/// FIELD_NAME the code, USER_TYPE_ID the type, and the labels as strings in that language — EDIT_FORM_LABEL, else
/// LIST_COLUMN_LABEL, else LIST_FILTER_LABEL. Null for a row without a <c>UF_</c> code or without any label (a field
/// nobody named; the editors show its code), or with a label that only repeats the code. Labels are capped at 200 characters.
/// </summary>
public static class FieldLabelReader
{
    private const int MaxLabel = 200;

    public static CrmFieldLabel? Read(JsonElement row, string owner, string lang)
    {
        if (row.ValueKind != JsonValueKind.Object || Text(row, "FIELD_NAME") is not { } code || !code.StartsWith("UF_", StringComparison.Ordinal))
        {
            return null;
        }

        var label = Text(row, "EDIT_FORM_LABEL") ?? Text(row, "LIST_COLUMN_LABEL") ?? Text(row, "LIST_FILTER_LABEL");
        if (label is null || string.Equals(label, code, StringComparison.Ordinal))
        {
            return null;
        }

        return new CrmFieldLabel(owner, code, Text(row, "USER_TYPE_ID") ?? "string", lang, label.Length > MaxLabel ? label[..MaxLabel] : label);
    }

    private static string? Text(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()?.Trim() is { Length: > 0 } text ? text : null;
}
