using System.Globalization;
using System.Text.Json;
using Connector.Sync;

namespace Connector.Crm.Bitrix24.Reading;

/// <summary>One <c>user.get</c> row: ID a string (or a number), ACTIVE a boolean (or Y/N), the names as text; null without a valid ID.</summary>
public static class UserReader
{
    public static CrmUser? Read(JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Object || !row.TryGetProperty("ID", out var idElement))
        {
            return null;
        }

        var idText = idElement.ValueKind == JsonValueKind.Number ? idElement.GetRawText() : idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            return null;
        }

        var active = !row.TryGetProperty("ACTIVE", out var a) || a.ValueKind switch
        {
            JsonValueKind.False => false,
            JsonValueKind.String => a.GetString() is not ("N" or "0" or "false"),
            _ => true,
        };
        return new CrmUser(id, Text(row, "NAME"), Text(row, "LAST_NAME"), Text(row, "SECOND_NAME"), Text(row, "EMAIL"), active);
    }

    private static string? Text(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
