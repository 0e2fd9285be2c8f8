using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connector.Templates;
using Connector.Web.UiSession;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using YamlDotNet.Core;

namespace Connector.Scenarios.Ui;

public static partial class ScenariosUi
{
    /// <summary>The file's text as the import reads it (a JSON tree written out indented), and the tree when there is one.</summary>
    private static (string Source, JsonNode? Tree)? Text(ScenarioSaveBody? body) => body switch
    {
        { Document: { } tree, Source: null } => (tree.ToJsonString(Indented), tree),
        { Document: null, Source: { Length: > 0 and <= MaxSource } source } => (source, Document(source)),
        _ => null,
    };

    private static ProblemHttpResult BodyProblem(ScenarioSaveBody? body) => body?.Source is { Length: > MaxSource }
        ? UiApi.Problem(StatusCodes.Status400BadRequest, "Invalid scenario", "source", string.Create(CultureInfo.InvariantCulture, $"a scenario's text is at most {MaxSource / 1024} KB"))
        : UiApi.Problem(StatusCodes.Status400BadRequest, "Invalid scenario", "document", "send the scenario as 'document' (the file's JSON tree) or as 'source' (its text), one of the two");

    /// <summary>
    /// 400 with every error of the import: <c>field</c> and <c>detail</c> are the first one's, <c>errors</c> maps each
    /// field path to its messages (the form <c>ApiProblem</c> reads), <c>problems</c> lists each with its line and step.
    /// </summary>
    private static ProblemHttpResult Invalid(IReadOnlyList<ScenarioError> errors, JsonNode? tree)
    {
        var items = errors.Select(e => Item(e, tree)).ToList();
        var first = items.Count > 0 ? items[0] : new ScenarioProblemItem("source", 1, null, null, "the scenario could not be read");
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid scenario",
            Detail = first.Message,
            Extensions =
            {
                ["field"] = first.Field,
                ["errors"] = items.GroupBy(i => i.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(i => i.Message).ToArray(), StringComparer.Ordinal),
                ["problems"] = items,
            },
        };
        return TypedResults.Problem(problem);
    }

    private static ScenarioProblemItem Item(ScenarioError error, JsonNode? tree)
    {
        var field = error.Path is null or "$" ? "source" : error.Path.StartsWith("$.", StringComparison.Ordinal) ? error.Path[2..] : error.Path;
        var match = StepIndex().Match(field);
        if (!match.Success)
        {
            return new ScenarioProblemItem(field, error.Line, null, null, error.Message);
        }

        var index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var id = (tree?["steps"] as JsonArray)?.ElementAtOrDefault(index) is JsonObject step && step["id"] is JsonValue v && v.TryGetValue<string>(out var named)
            ? named
            : string.Create(CultureInfo.InvariantCulture, $"step-{index + 1}");
        return new ScenarioProblemItem(field, error.Line, index, id, error.Message);
    }

    /// <summary>A stored or sent file's JSON tree (YAML read as the import reads it); null when it does not parse.</summary>
    private static JsonNode? Document(string source)
    {
        try
        {
            return YamlToJson.Convert(source).Root;
        }
        catch (YamlException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^steps\[(\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex StepIndex();
}
