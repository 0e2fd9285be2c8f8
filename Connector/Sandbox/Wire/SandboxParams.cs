using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Wire;

/// <summary>
/// Reads request parameters from the parsed tree. Keys are matched case-insensitively because the docs call
/// legacy list methods with both <c>FILTER</c> and <c>filter</c> (api-reference/crm/contacts/crm-contact-list.md).
/// </summary>
public static class SandboxParams
{
    public static JsonNode? Get(JsonObject parameters, string name)
    {
        if (parameters.TryGetPropertyValue(name, out var exact))
        {
            return exact;
        }

        foreach (var (key, value) in parameters)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    public static string? AsString(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.True => "1",
            JsonValueKind.False => "0",
            _ => null,
        };
    }

    public static long? AsLong(JsonNode? node) =>
        AsString(node) is { } text && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? (long)decimal.Truncate(number)
            : null;

    public static decimal? AsDecimal(JsonNode? node) =>
        AsString(node) is { } text && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    /// <summary>An array, the values of an object, or a single scalar, as strings.</summary>
    public static IReadOnlyList<string> AsStrings(JsonNode? node) => node switch
    {
        JsonArray array => [.. array.Select(AsString).OfType<string>()],
        JsonObject obj => [.. obj.Select(p => AsString(p.Value)).OfType<string>()],
        JsonValue => AsString(node) is { } single ? [single] : [],
        _ => [],
    };

    public static bool IsTruthy(JsonNode? node) => AsString(node) is { } text
        && text.Length > 0 && text != "0" && !string.Equals(text, "N", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(text, "false", StringComparison.OrdinalIgnoreCase);

    public static string YesNo(bool value) => value ? "Y" : "N";

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Text(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
