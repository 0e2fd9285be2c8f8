using System.Globalization;
using System.Text.Json;

namespace Connector.Crm.Bitrix24.Reading;

/// <summary>
/// Reads one field of a wire row, accepting Bitrix24's spellings (numbers as strings, Y/N) and failing with a
/// <see cref="FormatException"/> that names the field and what was found, so one bad record can be skipped.
/// </summary>
public static class RowFields
{
    public static long Id(JsonElement row, string field) =>
        Number(row, field) ?? throw new FormatException($"field {field} is missing or null");

    public static long? Number(JsonElement row, string field)
    {
        if (!row.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.String when value.GetString() is { Length: 0 } => null,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => throw Bad(field, value, "an integer"),
        };
    }

    public static string? Text(JsonElement row, string field)
    {
        if (!row.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw Bad(field, value, "a string"),
        };
    }

    public static string RequiredText(JsonElement row, string field) =>
        Text(row, field) is { Length: > 0 } s ? s : throw new FormatException($"field {field} is missing or empty");

    public static bool? YesNo(JsonElement row, string field)
    {
        if (!row.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when value.GetString() is "Y" or "y" or "1" or "true" => true,
            JsonValueKind.String when value.GetString() is "N" or "n" or "0" or "false" or "" => false,
            _ => throw Bad(field, value, "Y or N"),
        };
    }

    public static decimal? Money(JsonElement row, string field)
    {
        if (!row.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDecimal(out var d) => d,
            JsonValueKind.String when value.GetString() is { Length: 0 } => null,
            JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
            _ => throw Bad(field, value, "a number"),
        };
    }

    public static DateTimeOffset? Instant(JsonElement row, string field)
    {
        var text = Text(row, field);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? instant
            : throw new FormatException($"field {field} is not a date-time: '{Clip(text)}'");
    }

    public static JsonElement? Array(JsonElement row, string field)
    {
        if (!row.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array ? value : throw Bad(field, value, "an array");
    }

    private static FormatException Bad(string field, JsonElement value, string expected) =>
        new($"field {field} should be {expected} but is {value.ValueKind.ToString().ToLowerInvariant()} '{Clip(value.GetRawText())}'");

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
