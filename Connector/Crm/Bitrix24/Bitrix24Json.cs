using System.Globalization;
using System.Text.Json;

namespace Connector.Crm.Bitrix24;

/// <summary>
/// Readers for Bitrix24 row fields: legacy methods send numbers as strings (<c>"75"</c>), booleans as
/// <c>"Y"</c>/<c>"N"</c>, dates as <c>2024-08-30T14:29:00+02:00</c>. Every failure is a
/// <see cref="Bitrix24FieldException"/> naming the field and the JSON kind it found.
/// </summary>
public static class Bitrix24Json
{
    public static long ReadLong(JsonElement row, string field) =>
        ReadOptionalLong(row, field) ?? throw Fail(row, field, "an integer");

    /// <summary>Null for a missing field, JSON null or an empty string.</summary>
    public static long? ReadOptionalLong(JsonElement row, string field)
    {
        var value = Get(row, field);
        return value.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.String when value.GetString() is "" => null,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
            _ => throw new Bitrix24FieldException(field, value.ValueKind, "an integer"),
        };
    }

    public static decimal ReadDecimal(JsonElement row, string field) =>
        ReadOptionalDecimal(row, field) ?? throw Fail(row, field, "a decimal");

    public static decimal? ReadOptionalDecimal(JsonElement row, string field)
    {
        var value = Get(row, field);
        return value.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            JsonValueKind.Number when value.TryGetDecimal(out var d) => d,
            JsonValueKind.String when value.GetString() is "" => null,
            JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
            _ => throw new Bitrix24FieldException(field, value.ValueKind, "a decimal"),
        };
    }

    /// <summary>Null for a missing field, JSON null or an empty string; otherwise as <see cref="ReadYesNo"/>.</summary>
    public static bool? ReadOptionalYesNo(JsonElement row, string field)
    {
        var value = Get(row, field);
        var absent = value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null || (value.ValueKind == JsonValueKind.String && value.GetString() is "");
        return absent ? null : ReadYesNo(row, field);
    }

    /// <summary>Accepts <c>"Y"</c>/<c>"N"</c> (any case), JSON booleans and <c>"1"</c>/<c>"0"</c>/<c>1</c>/<c>0</c>.</summary>
    public static bool ReadYesNo(JsonElement row, string field)
    {
        var value = Get(row, field);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetInt32(out var n) && n is 0 or 1 => n == 1,
            JsonValueKind.String => value.GetString()?.ToUpperInvariant() switch
            {
                "Y" or "1" => true,
                "N" or "0" => false,
                _ => throw new Bitrix24FieldException(field, value.ValueKind, "Y or N"),
            },
            _ => throw new Bitrix24FieldException(field, value.ValueKind, "Y or N"),
        };
    }

    public static DateTimeOffset ReadDateTimeOffset(JsonElement row, string field) =>
        ReadOptionalDateTimeOffset(row, field) ?? throw Fail(row, field, "a date-time with offset");

    public static DateTimeOffset? ReadOptionalDateTimeOffset(JsonElement row, string field)
    {
        var value = Get(row, field);
        return value.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            JsonValueKind.String when value.GetString() is "" => null,
            JsonValueKind.String when DateTimeOffset.TryParse(
                value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var d) => d,
            _ => throw new Bitrix24FieldException(field, value.ValueKind, "a date-time with offset"),
        };
    }

    public static string ReadString(JsonElement row, string field) =>
        ReadOptionalString(row, field) ?? throw Fail(row, field, "a string");

    /// <summary>Strings as they are; numbers as their JSON text (Bitrix24 mixes both for ids and codes).</summary>
    public static string? ReadOptionalString(JsonElement row, string field)
    {
        var value = Get(row, field);
        return value.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new Bitrix24FieldException(field, value.ValueKind, "a string"),
        };
    }

    private static JsonElement Get(JsonElement row, string field)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            throw new Bitrix24FieldException(field, row.ValueKind, "a row object holding it");
        }

        return row.TryGetProperty(field, out var value) ? value : default;
    }

    private static Bitrix24FieldException Fail(JsonElement row, string field, string expected) =>
        new(field, Get(row, field).ValueKind, expected);
}
