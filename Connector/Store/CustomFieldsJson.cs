using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Connector.Store;

/// <summary>
/// The <c>custom_fields</c> column of contacts and deals (migration 0005): a JSON object of field code → list of text
/// values, keys in ordinal order; NULL when a record has no custom fields. Unreadable text reads as no fields.
/// </summary>
public static class CustomFieldsJson
{
    // Cyrillic and other letters stay readable (and 2 bytes instead of 6); markup characters are still escaped.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string? Write(IReadOnlyDictionary<string, IReadOnlyList<string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return fields.Count == 0
            ? null
            : JsonSerializer.Serialize(new SortedDictionary<string, IReadOnlyList<string>>(fields.ToDictionary(), StringComparer.Ordinal), Options);
    }

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return new Dictionary<string, IReadOnlyList<string>>();
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string[]>>(json)?.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal)
                ?? new Dictionary<string, IReadOnlyList<string>>();
        }
        catch (JsonException)
        {
            return new Dictionary<string, IReadOnlyList<string>>();
        }
    }
}
