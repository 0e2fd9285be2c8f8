using System.Text.Json.Nodes;

namespace Connector.Scenarios;

public static partial class ScenarioFileReader
{
    private const int MaxTodoTitle = 255;

    private const int MaxTodoDescription = 10_000;

    // move_deal: STAGE, or { stage: STAGE }; the stage is checked against the trigger's pipeline at import.
    private static ScenarioStep? ReadMoveDeal(NodeReader reader, JsonNode? node, string path, ScenarioStep step)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var stage) && stage.Length > 0)
        {
            return step with { Kind = StepKind.MoveDeal, Stage = stage };
        }

        if (reader.Object(node, path, "move_deal") is not { } obj)
        {
            return null;
        }

        reader.KnownKeys(obj, path, "stage");
        return reader.Text(obj, path, "stage", required: true) is { Length: > 0 } target ? step with { Kind = StepKind.MoveDeal, Stage = target } : null;
    }

    // webhook: URL, or { url: URL }: https, or http only to a loopback host (a receiver on this machine).
    private static ScenarioStep? ReadWebhook(NodeReader reader, JsonNode? node, string path, ScenarioStep step)
    {
        var (text, at) = node is JsonObject obj ? (Url(reader, obj, path), $"{path}.url") : (node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null, path);
        if (text is null)
        {
            reader.Error(path, "webhook needs a url: webhook: https://example.com/hook or { url: … }");
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || string.IsNullOrEmpty(url.Host) || !string.IsNullOrEmpty(url.UserInfo)
            || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            reader.Error(at, $"webhook url '{text}' must be https (http only to a loopback host), with a host and no user info");
            return null;
        }

        return step with { Kind = StepKind.Webhook, Url = url.AbsoluteUri };
    }

    private static string? Url(NodeReader reader, JsonObject obj, string path)
    {
        reader.KnownKeys(obj, path, "url");
        return reader.Text(obj, path, "url", required: true);
    }

    // todo: { title, description?, due: 1d } for the deal's responsible manager.
    private static ScenarioStep? ReadTodo(NodeReader reader, JsonNode? node, string path, ScenarioStep step)
    {
        if (reader.Object(node, path, "todo") is not { } obj)
        {
            return null;
        }

        reader.KnownKeys(obj, path, "title", "description", "due");
        var title = reader.Text(obj, path, "title", required: true);
        var description = reader.Text(obj, path, "description", required: false) ?? "";
        var due = reader.Duration(obj, path, "due", required: false) ?? TimeSpan.FromDays(1);
        if (title is { Length: 0 or > MaxTodoTitle })
        {
            reader.Error($"{path}.title", $"'title' must be 1 to {MaxTodoTitle} characters");
            return null;
        }

        if (description.Length > MaxTodoDescription)
        {
            reader.Error($"{path}.description", $"'description' must be at most {MaxTodoDescription} characters");
            return null;
        }

        if (due <= TimeSpan.Zero)
        {
            reader.Error($"{path}.due", "'due' must be longer than zero");
            return null;
        }

        return title is null ? null : step with { Kind = StepKind.Todo, Title = title, Description = description, Due = due };
    }
}
