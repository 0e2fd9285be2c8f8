using System.Globalization;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>
/// Substitutes <c>$result[cmd][path]</c>, <c>$total[cmd]</c> and <c>$next[cmd]</c> references in a batch
/// sub-call's parameters (settings/how-to-call-rest-api/batch.md). A reference that does not resolve, e.g. row 49
/// of a 12-row page, becomes an empty string: <c>filter[&gt;ID]=</c> is then ignored and the list restarts at the
/// first record — the quirk clients must guard against. Values are substituted after URL-decoding, so references
/// written raw or percent-encoded by http_build_query behave the same.
/// </summary>
public static partial class BatchReferences
{
    public static void Apply(JsonNode? node, JsonObject results, JsonObject totals, JsonObject nexts)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var replaced = Replace(obj[key], results, totals, nexts);
                    if (!ReferenceEquals(replaced, obj[key]))
                    {
                        obj[key] = replaced;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var replaced = Replace(array[i], results, totals, nexts);
                    if (!ReferenceEquals(replaced, array[i]))
                    {
                        array[i] = replaced;
                    }
                }

                break;
        }
    }

    private static JsonNode? Replace(JsonNode? node, JsonObject results, JsonObject totals, JsonObject nexts)
    {
        if (node is JsonValue value && SandboxParams.AsString(value) is { } text && text.Contains('$', StringComparison.Ordinal))
        {
            return JsonValue.Create(Reference().Replace(text, m => Resolve(m, results, totals, nexts)));
        }

        if (node is not null)
        {
            Apply(node, results, totals, nexts);
        }

        return node;
    }

    private static string Resolve(Match match, JsonObject results, JsonObject totals, JsonObject nexts)
    {
        JsonNode? current = match.Groups[1].Value switch
        {
            "total" => totals,
            "next" => nexts,
            _ => results,
        };
        foreach (Match segment in Segment().Matches(match.Groups[2].Value))
        {
            var key = segment.Groups[1].Value;
            current = current switch
            {
                JsonObject obj => obj.TryGetPropertyValue(key, out var child) ? child : null,
                JsonArray array => int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count ? array[index] : null,
                _ => null,
            };
        }

        return SandboxParams.AsString(current) ?? string.Empty;
    }

    [GeneratedRegex(@"\$(result|total|next)((?:\[[^\[\]]*\])+)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\[([^\[\]]*)\]")]
    private static partial Regex Segment();
}
