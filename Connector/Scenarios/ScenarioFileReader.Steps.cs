using System.Globalization;
using System.Text.Json.Nodes;
using Connector.Sending.Composing;

namespace Connector.Scenarios;

public static partial class ScenarioFileReader
{
    private static readonly string[] StepKeys = ["id", "wait", "send", "condition", "split", "exit", "next", "then", "else", "move_deal", "todo", "webhook"];
    private static readonly string[] KindKeys = ["wait", "send", "condition", "split", "exit", "move_deal", "todo", "webhook"];

    private static List<ScenarioStep>? ReadSteps(NodeReader reader, JsonNode? node, string path)
    {
        if (node is not JsonArray array || array.Count == 0)
        {
            reader.Error(node is null ? "$" : path, "'steps' must be a list of at least one step");
            return null;
        }

        var steps = new List<ScenarioStep>();
        for (var i = 0; i < array.Count; i++)
        {
            if (ReadStep(reader, array[i], $"{path}[{i}]", i) is { } step)
            {
                steps.Add(step);
            }
        }

        foreach (var duplicate in steps.GroupBy(s => s.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
        {
            reader.Errors.Add(new ScenarioError(duplicate.Line, $"step id '{duplicate.Id}' is used twice", $"{path}[{steps.IndexOf(duplicate)}].id"));
        }

        return steps.Count == array.Count ? steps : null;
    }

    private static ScenarioStep? ReadStep(NodeReader reader, JsonNode? node, string path, int index)
    {
        if (reader.Object(node, path, "a step") is not { } obj)
        {
            return null;
        }

        reader.KnownKeys(obj, path, StepKeys);
        var line = reader.LineOf(path);
        var id = reader.Text(obj, path, "id", required: false) ?? string.Create(CultureInfo.InvariantCulture, $"step-{index + 1}");
        if (!StepIdPattern().IsMatch(id))
        {
            reader.Error($"{path}.id", $"step id '{id}' must be letters, digits, '-' or '_' (at most 64)");
        }

        var kinds = KindKeys.Where(obj.ContainsKey).ToList();
        if (kinds.Count != 1)
        {
            reader.Error(path, kinds.Count == 0
                ? $"step '{id}' needs one of: {string.Join(", ", KindKeys)}"
                : $"step '{id}' has {string.Join(" and ", kinds)}; a step does one thing");
            return null;
        }

        var step = new ScenarioStep { Id = id, Kind = StepKind.Exit, Line = line, Next = reader.Text(obj, path, "next", required: false) };
        var kindPath = $"{path}.{kinds[0]}";
        step = kinds[0] switch
        {
            "wait" => ReadWait(reader, obj["wait"], kindPath, step),
            "send" => ReadSend(reader, obj["send"], kindPath, step),
            "condition" => ReadCondition(reader, obj, obj["condition"], kindPath, step),
            "split" => ReadSplit(reader, obj["split"], kindPath, step),
            "move_deal" => ReadMoveDeal(reader, obj["move_deal"], kindPath, step),
            "todo" => ReadTodo(reader, obj["todo"], kindPath, step),
            "webhook" => ReadWebhook(reader, obj["webhook"], kindPath, step),
            _ => step,
        };
        if (step is not null && step.Kind != StepKind.Condition && (obj.ContainsKey("then") || obj.ContainsKey("else")))
        {
            reader.Error(path, $"step '{id}': 'then' and 'else' belong to a condition");
        }

        if (step is not null && step.Kind is StepKind.Exit or StepKind.Split or StepKind.Condition && step.Next is not null)
        {
            reader.Error($"{path}.next", $"step '{id}': 'next' does not apply to {kinds[0]} (use then/else or goto)");
        }

        return step;
    }

    private static ScenarioStep? ReadWait(NodeReader reader, JsonNode? node, string path, ScenarioStep step)
    {
        if (node is JsonValue)
        {
            var wrapped = new JsonObject { ["for"] = node.DeepClone() };
            return reader.Duration(wrapped, path[..path.LastIndexOf('.')], "for", required: true) is { } shorthand
                ? step with { Kind = StepKind.Wait, WaitFor = shorthand }
                : null;
        }

        if (reader.Object(node, path, "wait") is not { } obj)
        {
            return null;
        }

        reader.KnownKeys(obj, path, "for", "until");
        if (obj.ContainsKey("for") == obj.ContainsKey("until"))
        {
            reader.Error(path, "wait needs either 'for' (a duration) or 'until' (a weekday/time window)");
            return null;
        }

        if (obj.ContainsKey("for"))
        {
            var duration = reader.Duration(obj, path, "for", required: true);
            if (duration is { } d && d <= TimeSpan.Zero)
            {
                reader.Error($"{path}.for", "a wait must be longer than zero");
            }

            return duration is null ? null : step with { Kind = StepKind.Wait, WaitFor = duration };
        }

        return ReadWindow(reader, obj["until"], $"{path}.until") is { } window ? step with { Kind = StepKind.Wait, WaitUntil = window } : null;
    }

    private static WaitWindow? ReadWindow(NodeReader reader, JsonNode? node, string path)
    {
        if (reader.Object(node, path, "until") is not { } obj)
        {
            return null;
        }

        reader.KnownKeys(obj, path, "days", "from", "to");
        var days = new List<DayOfWeek>();
        if (obj["days"] is JsonArray list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is JsonValue v && v.TryGetValue<string>(out var text) && Day(text) is { } day)
                {
                    days.Add(day);
                }
                else
                {
                    reader.Error($"{path}.days[{i}]", "days are mon, tue, wed, thu, fri, sat, sun");
                }
            }
        }
        else if (obj.ContainsKey("days"))
        {
            reader.Error($"{path}.days", "days must be a list such as [mon, tue, wed, thu, fri]");
        }
        else
        {
            days.AddRange(Enum.GetValues<DayOfWeek>());
        }

        var from = Time(reader, obj, path, "from");
        var to = Time(reader, obj, path, "to");
        if (from is null || to is null)
        {
            return null;
        }

        if (from >= to)
        {
            reader.Error($"{path}.to", "'to' must be later than 'from' on the same day");
            return null;
        }

        return days.Count == 0 ? null : new WaitWindow { Days = days.Distinct().ToList(), From = from.Value, To = to.Value };
    }

    private static TimeOnly? Time(NodeReader reader, JsonObject obj, string path, string key)
    {
        var text = reader.Text(obj, path, key, required: true);
        if (text is null)
        {
            return null;
        }

        if (TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        reader.Error($"{path}.{key}", $"'{key}': '{text}' is not a time of day (09:00)");
        return null;
    }

    private static DayOfWeek? Day(string text) => text.ToLowerInvariant() switch
    {
        "mon" or "monday" => DayOfWeek.Monday,
        "tue" or "tuesday" => DayOfWeek.Tuesday,
        "wed" or "wednesday" => DayOfWeek.Wednesday,
        "thu" or "thursday" => DayOfWeek.Thursday,
        "fri" or "friday" => DayOfWeek.Friday,
        "sat" or "saturday" => DayOfWeek.Saturday,
        "sun" or "sunday" => DayOfWeek.Sunday,
        _ => null,
    };

    private static ScenarioStep? ReadSend(NodeReader reader, JsonNode? node, string path, ScenarioStep step)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var name))
        {
            return step with { Kind = StepKind.Send, Template = name };
        }

        if (reader.Object(node, path, "send") is not { } obj)
        {
            return null;
        }

        reader.KnownKeys(obj, path, "template", "kind");
        var template = reader.Text(obj, path, "template", required: true);
        var kind = reader.Text(obj, path, "kind", required: false) ?? "marketing";
        MailKind? mail = kind switch { "marketing" => MailKind.Scenario, "transactional" => MailKind.Transactional, _ => null };
        if (mail is null)
        {
            reader.Error($"{path}.kind", $"send kind '{kind}' must be marketing or transactional");
        }

        return template is null || mail is null ? null : step with { Kind = StepKind.Send, Template = template, Mail = mail.Value };
    }

    private static ScenarioStep? ReadCondition(NodeReader reader, JsonObject stepObj, JsonNode? node, string path, ScenarioStep step)
    {
        if (reader.Object(node, path, "condition") is not { } obj)
        {
            return null;
        }

        reader.KnownKeys(obj, path, "opened", "clicked", "field", "equals", "stage", "segment");
        var parent = path[..path.LastIndexOf('.')];
        var then = reader.Text(stepObj, parent, "then", required: false);
        var otherwise = reader.Text(stepObj, parent, "else", required: false);
        StepCondition? condition = null;
        if ((obj["opened"] ?? obj["clicked"]) is JsonObject any)
        {
            // opened: { any_in: 30d }: any e-mail to this contact in the last 30 days, not only this enrollment's.
            var key = obj.ContainsKey("opened") ? "opened" : "clicked";
            reader.KnownKeys(any, $"{path}.{key}", "any_in");
            var within = reader.Duration(any, $"{path}.{key}", "any_in", required: true);
            condition = within is null ? null : new StepCondition { Kind = key == "opened" ? ConditionKind.Opened : ConditionKind.Clicked, AnyWithin = within };
        }
        else if (obj.ContainsKey("segment"))
        {
            condition = reader.Text(obj, path, "segment", required: true) is { } segment
                ? new StepCondition { Kind = ConditionKind.InSegment, Segment = segment }
                : null;
        }
        else if (obj.ContainsKey("opened") || obj.ContainsKey("clicked"))
        {
            var key = obj.ContainsKey("opened") ? "opened" : "clicked";
            condition = new StepCondition
            {
                Kind = key == "opened" ? ConditionKind.Opened : ConditionKind.Clicked,
                Step = reader.Text(obj, path, key, required: true) ?? "previous",
            };
        }
        else if (obj.ContainsKey("field"))
        {
            var field = reader.Text(obj, path, "field", required: true);
            if (field is not null && !field.StartsWith("contact.", StringComparison.Ordinal) && !field.StartsWith("deal.", StringComparison.Ordinal))
            {
                reader.Error($"{path}.field", $"field '{field}' must start with contact. or deal. (contact.UF_CRM_CITY, deal.title)");
            }

            condition = new StepCondition { Kind = ConditionKind.FieldEquals, Field = field, Value = reader.Text(obj, path, "equals", required: true) };
        }
        else if (obj["stage"] is { } stage)
        {
            var stages = stage is JsonArray many ? many.Select(s => s?.ToString()).OfType<string>().ToList() : [stage.ToString()];
            condition = new StepCondition { Kind = ConditionKind.Stage, Stages = stages };
        }
        else
        {
            reader.Error(path, "a condition needs opened, clicked, field (with equals), stage or segment");
        }

        if (obj.Count(p => p.Key is "opened" or "clicked" or "field" or "stage" or "segment") > 1)
        {
            reader.Error(path, "a condition tests one thing (opened, clicked, field, stage or segment)");
        }

        return condition is null ? null : step with { Kind = StepKind.Condition, Condition = condition, Then = then, Else = otherwise };
    }

    private static ScenarioStep? ReadSplit(NodeReader reader, JsonNode? node, string path, ScenarioStep step)
    {
        if (node is not JsonArray array || array.Count < 2)
        {
            reader.Error(path, "a split is a list of at least two branches: [{ percent: 50, goto: a }, { percent: 50, goto: b }]");
            return null;
        }

        var branches = new List<SplitBranch>();
        for (var i = 0; i < array.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (reader.Object(array[i], at, "a split branch") is not { } obj)
            {
                continue;
            }

            reader.KnownKeys(obj, at, "percent", "goto");
            if (reader.Integer(obj, at, "percent", required: true) is { } percent)
            {
                if (percent is < 1 or > 100)
                {
                    reader.Error($"{at}.percent", "a branch's percent is between 1 and 100");
                }

                branches.Add(new SplitBranch((int)percent, reader.Text(obj, at, "goto", required: false)));
            }
        }

        if (branches.Count == array.Count && branches.Sum(b => b.Percent) != 100)
        {
            reader.Error(path, string.Create(CultureInfo.InvariantCulture, $"split percentages add up to {branches.Sum(b => b.Percent)}, not 100"));
        }

        return branches.Count == array.Count ? step with { Kind = StepKind.Split, Branches = branches } : null;
    }
}
