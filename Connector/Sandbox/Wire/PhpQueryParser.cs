using System.Globalization;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Wire;

/// <summary>
/// Parses a query string or form body with PHP bracket keys (<c>filter[&gt;ID]=5&amp;select[]=ID</c>) the way
/// PHP's parse_str does, and returns the same tree json_decode would give for the equivalent JSON body:
/// arrays whose keys are exactly 0..n-1 become JSON arrays (settings/how-to-call-rest-api/data-encoding.md).
/// </summary>
public static class PhpQueryParser
{
    public static JsonObject Parse(string? query)
    {
        var root = new OrderedDictionary<string, object>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(query))
        {
            return new JsonObject();
        }

        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]);
            Insert(root, key, value);
        }

        return (JsonObject)ToNode(root);
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static void Insert(OrderedDictionary<string, object> root, string key, string value)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        if (open <= 0)
        {
            root[key] = value;
            return;
        }

        var segments = new List<string> { key[..open] };
        var pos = open;
        while (pos < key.Length && key[pos] == '[')
        {
            var close = key.IndexOf(']', pos);
            if (close < 0)
            {
                break;
            }

            segments.Add(key[(pos + 1)..close]);
            pos = close + 1;
        }

        var node = root;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i].Length == 0 ? NextIndex(node) : segments[i];
            if (i == segments.Count - 1)
            {
                node[segment] = value;
                break;
            }

            if (!node.TryGetValue(segment, out var child) || child is not OrderedDictionary<string, object> dictionary)
            {
                dictionary = new OrderedDictionary<string, object>(StringComparer.Ordinal);
                node[segment] = dictionary;
            }

            node = dictionary;
        }
    }

    private static string NextIndex(OrderedDictionary<string, object> node)
    {
        var next = 0L;
        foreach (var existing in node.Keys)
        {
            if (long.TryParse(existing, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= next)
            {
                next = index + 1;
            }
        }

        return next.ToString(CultureInfo.InvariantCulture);
    }

    private static JsonNode ToNode(object value)
    {
        if (value is not OrderedDictionary<string, object> dictionary)
        {
            return JsonValue.Create((string)value);
        }

        if (IsList(dictionary))
        {
            var array = new JsonArray();
            foreach (var item in dictionary.Values)
            {
                array.Add(ToNode(item));
            }

            return array;
        }

        var obj = new JsonObject();
        foreach (var (key, item) in dictionary)
        {
            obj[key] = ToNode(item);
        }

        return obj;
    }

    private static bool IsList(OrderedDictionary<string, object> dictionary)
    {
        var expected = 0;
        foreach (var key in dictionary.Keys)
        {
            if (key != expected.ToString(CultureInfo.InvariantCulture))
            {
                return false;
            }

            expected++;
        }

        return expected > 0;
    }
}
