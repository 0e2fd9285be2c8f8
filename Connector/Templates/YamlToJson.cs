using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Connector.Templates;

/// <summary>
/// Turns a YAML template file into the JSON tree <see cref="TemplateFile"/> is read from, so both formats share one
/// schema and its unknown-key rejection, and remembers the line of every node by its JSON path (<c>$.blocks[0].text</c>)
/// for error messages. Plain scalars follow the YAML 1.2 core schema (null, booleans, numbers); quoted and block
/// scalars are strings. Only the first document is read.
/// </summary>
internal static partial class YamlToJson
{
    /// <summary>The JSON tree and the 1-based line of each path; <see cref="YamlException"/> when the YAML does not parse.</summary>
    public static (JsonNode? Root, IReadOnlyDictionary<string, int> Lines) Convert(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var root = stream.Documents.Count == 0 ? null : Node(stream.Documents[0].RootNode, "$", lines);
        return (root, lines);
    }

    private static JsonNode? Node(YamlNode node, string path, Dictionary<string, int> lines)
    {
        lines[path] = (int)node.Start.Line;
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode { Value: { } text } ? text : throw new YamlException(key.Start, key.End, "a key must be plain text (quote a value that starts with {{ or {%)");
                    if (obj.ContainsKey(name))
                    {
                        throw new YamlException(key.Start, key.End, $"duplicate key '{name}'");
                    }

                    var childPath = $"{path}.{name}";
                    obj[name] = Node(value, childPath, lines);
                    lines[childPath] = (int)key.Start.Line;
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                var index = 0;
                foreach (var item in sequence.Children)
                {
                    array.Add(Node(item, $"{path}[{index++}]", lines));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new YamlException(node.Start, node.End, "unsupported YAML node");
        }
    }

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain || !scalar.Tag.IsEmpty)
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(text.Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        if (Integer().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        return Float().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number)
            : JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Float();
}
