using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connector.Templates;
using YamlDotNet.Core;

namespace Connector.Scenarios;

/// <summary>
/// Reads a scenario file, YAML or JSON (JSON is read as the YAML it also is, so both report lines the same way), and
/// checks it whole: every unknown key, wrong value, dangling step reference, unreachable step, loop without a wait and
/// condition on an e-mail no earlier step sends is listed with its line. The mirror and template checks are
/// <see cref="ScenarioValidator"/>'s.
/// </summary>
public static partial class ScenarioFileReader
{
    private static readonly string[] TopKeys = ["name", "portal", "trigger", "max_lateness", "re_entry", "exit", "steps"];

    public static ScenarioReadResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonNode? root;
        IReadOnlyDictionary<string, int> lines;
        try
        {
            (root, lines) = YamlToJson.Convert(text);
        }
        catch (YamlException ex)
        {
            return new ScenarioReadResult(null, [new ScenarioError((int)ex.Start.Line, ex.Message)]);
        }

        var reader = new NodeReader(lines);
        if (reader.Object(root, "$", "a scenario") is not { } obj)
        {
            return new ScenarioReadResult(null, reader.Errors);
        }

        reader.KnownKeys(obj, "$", TopKeys);
        var name = reader.Text(obj, "$", "name", required: true);
        if (name is not null && !NamePattern().IsMatch(name))
        {
            reader.Error("$.name", $"name '{name}' must be letters, digits, '-', '_' or '.' (at most 100)");
        }

        var trigger = ReadTrigger(reader, obj["trigger"], "$.trigger");
        var lateness = reader.Duration(obj, "$", "max_lateness", required: false) ?? TimeSpan.FromDays(1);
        if (lateness <= TimeSpan.Zero)
        {
            reader.Error("$.max_lateness", "max_lateness must be more than zero");
        }

        var reEntry = ReadReEntry(reader, obj["re_entry"], "$.re_entry");
        var exit = ReadExit(reader, obj["exit"], "$.exit");
        var steps = ReadSteps(reader, obj["steps"], "$.steps");
        if (steps is not null)
        {
            var (resolved, previous) = ScenarioGraph.ResolvePrevious(steps);
            steps = resolved.ToList();
            reader.Errors.AddRange(previous);
            // The graph is checked whatever else is wrong, so one run lists every problem.
            reader.Errors.AddRange(ScenarioGraph.Check(new ScenarioDefinition
            {
                Name = name ?? "", Trigger = trigger ?? new ScenarioTrigger { Kind = TriggerKind.ContactCreated }, Steps = steps,
            }));
        }

        if (name is null || trigger is null || steps is null)
        {
            return new ScenarioReadResult(null, Sorted(reader.Errors));
        }

        var definition = new ScenarioDefinition
        {
            Name = name,
            Portal = reader.Text(obj, "$", "portal", required: false),
            Trigger = trigger,
            MaxLateness = lateness,
            ReEntry = reEntry,
            Exit = exit,
            Steps = steps,
        };
        return new ScenarioReadResult(definition, Sorted(reader.Errors));
    }

    private static List<ScenarioError> Sorted(List<ScenarioError> errors) => errors.OrderBy(e => e.Line).ToList();

    private static ReEntryRule ReadReEntry(NodeReader reader, JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                return new ReEntryRule();
            case JsonValue value when value.TryGetValue<string>(out var text) && text is "once" or "once_per_deal" or "once_per_contact":
                return new ReEntryRule { Mode = ReEntryMode.Once };
            case JsonValue value when value.TryGetValue<string>(out var text) && text == "always":
                return new ReEntryRule { Mode = ReEntryMode.Always };
            case JsonObject obj:
                reader.KnownKeys(obj, path, "at_most_once_per");
                return reader.Duration(obj, path, "at_most_once_per", required: true) is { } period
                    ? new ReEntryRule { Mode = ReEntryMode.AtMostOncePer, Period = period }
                    : new ReEntryRule();
            default:
                reader.Error(path, "re_entry must be 'once', 'always' or { at_most_once_per: 30d }");
                return new ReEntryRule();
        }
    }

    private static ExitRules ReadExit(NodeReader reader, JsonNode? node, string path)
    {
        if (node is null || reader.Object(node, path, "exit") is not { } obj)
        {
            return new ExitRules();
        }

        reader.KnownKeys(obj, path, "won", "lost", "left_pipeline");
        return new ExitRules
        {
            Won = reader.Boolean(obj, path, "won") ?? true,
            Lost = reader.Boolean(obj, path, "lost") ?? true,
            LeftPipeline = reader.Boolean(obj, path, "left_pipeline") ?? true,
        };
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex StepIdPattern();
}
