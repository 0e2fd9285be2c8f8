using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connector.Scenarios;

/// <summary>
/// Reads a scenario's JSON tree (from YAML or JSON) without stopping at the first problem: every wrong key, type or
/// value becomes a <see cref="ScenarioError"/> at the line of its node, and reading goes on.
/// </summary>
internal sealed class NodeReader(IReadOnlyDictionary<string, int> lines)
{
    public List<ScenarioError> Errors { get; } = [];

    public int LineOf(string path)
    {
        for (var at = path; at.Length > 0; at = at[..Math.Max(0, Math.Max(at.LastIndexOf('.'), at.LastIndexOf('[')))])
        {
            if (lines.TryGetValue(at, out var line))
            {
                return line;
            }
        }

        return 1;
    }

    public void Error(string path, string message) => Errors.Add(new ScenarioError(LineOf(path), message, path));

    public void KnownKeys(JsonObject obj, string path, params string[] known)
    {
        foreach (var (key, _) in obj)
        {
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                Error($"{path}.{key}", $"unknown key '{key}' (expected one of: {string.Join(", ", known)})");
            }
        }
    }

    public JsonObject? Object(JsonNode? node, string path, string what)
    {
        if (node is JsonObject obj)
        {
            return obj;
        }

        Error(path, $"{what} must be a mapping");
        return null;
    }

    public string? Text(JsonObject obj, string path, string key, bool required)
    {
        var node = obj[key];
        if (node is null)
        {
            if (required)
            {
                Error(path, $"'{key}' is required");
            }

            return null;
        }

        if (node is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number)
        {
            return value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        }

        Error($"{path}.{key}", $"'{key}' must be text");
        return null;
    }

    public long? Integer(JsonObject obj, string path, string key, bool required)
    {
        var node = obj[key];
        if (node is null)
        {
            if (required)
            {
                Error(path, $"'{key}' is required");
            }

            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number))
        {
            return number;
        }

        Error($"{path}.{key}", $"'{key}' must be a whole number");
        return null;
    }

    public bool? Boolean(JsonObject obj, string path, string key)
    {
        var node = obj[key];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetValue<bool>();
        }

        Error($"{path}.{key}", $"'{key}' must be true or false");
        return null;
    }

    public TimeSpan? Duration(JsonObject obj, string path, string key, bool required)
    {
        var text = Text(obj, path, key, required);
        if (text is null)
        {
            return null;
        }

        if (ScenarioDuration.Parse(text) is { } duration)
        {
            return duration;
        }

        Error($"{path}.{key}", $"'{key}': '{text}' is not a duration (2d, 12h, 30m, 45s, 1d12h)");
        return null;
    }
}
