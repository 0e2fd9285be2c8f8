using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Connector.Templates;

/// <summary>
/// Reads a template file by its extension: <c>.yaml</c>/<c>.yml</c> as YAML, anything else as JSON, with the same
/// snake_case schema and the same rejection of unknown keys. Every failure is a <see cref="FormatException"/> whose
/// message starts with <c>path:line:</c>. A file without a <c>name</c> is named after the file.
/// </summary>
public static partial class TemplateFileReader
{
    public static async Task<TemplateFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Read(await File.ReadAllTextAsync(path, cancellationToken), path);
    }

    public static TemplateFile Read(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileNameWithoutExtension(path);
        var extension = Path.GetExtension(path);
        return extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase)
            ? ReadYaml(text, path, name)
            : ReadJson(text, path, name);
    }

    private static TemplateFile ReadJson(string text, string path, string name)
    {
        try
        {
            return TemplateFile.Parse(text, name);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{path}:{(ex.LineNumber ?? 0) + 1}: {Clean(ex)}", ex);
        }
    }

    private static TemplateFile ReadYaml(string text, string path, string name)
    {
        JsonElement json;
        IReadOnlyDictionary<string, int> lines;
        try
        {
            var (root, marks) = YamlToJson.Convert(text);
            json = JsonSerializer.SerializeToElement(root);
            lines = marks;
        }
        catch (YamlException ex)
        {
            throw new FormatException($"{path}:{ex.Start.Line}: {ex.Message}", ex);
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{path}:1: a template must be a mapping of keys (subject, html or blocks, …)");
        }

        try
        {
            var file = json.Deserialize<TemplateFile>(TemplateFile.Json) ?? throw new FormatException($"{path}:1: empty template");
            return file with { Name = string.IsNullOrWhiteSpace(file.Name) ? name : file.Name };
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{path}:{LineOf(ex.Path, lines)}: {Clean(ex)}", ex);
        }
    }

    // The nearest YAML node for a JSON path: the path itself, else its closest parent.
    private static int LineOf(string? path, IReadOnlyDictionary<string, int> lines)
    {
        for (var at = path ?? "$"; at.Length > 0; at = at[..Math.Max(0, Math.Max(at.LastIndexOf('.'), at.LastIndexOf('[')))])
        {
            if (lines.TryGetValue(at, out var line))
            {
                return line;
            }
        }

        return 1;
    }

    // System.Text.Json speaks of .NET types and appends "Path: … | LineNumber: …"; say it in the template's terms.
    private static string Clean(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        message = (cut < 0 ? message : message[..cut]).Trim();
        var key = ex.Path is { } at ? at[(Math.Max(at.LastIndexOf('.'), 0) + 1)..] : "";
        return Unmapped().Match(message) is { Success: true } unmapped ? $"unknown key '{unmapped.Groups[1].Value}'"
            : Missing().Match(message) is { Success: true } missing ? $"missing required key {missing.Groups[1].Value}"
            : message.Contains("could not be converted", StringComparison.Ordinal) && key.Length > 0 ? $"'{key}' has a value of the wrong type"
            : message;
    }

    [GeneratedRegex(@"property '([^']+)' could not be mapped", RegexOptions.CultureInvariant)]
    private static partial Regex Unmapped();

    [GeneratedRegex(@"missing required properties including: (.+?)\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex Missing();
}
