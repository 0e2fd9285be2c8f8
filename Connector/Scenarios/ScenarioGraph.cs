namespace Connector.Scenarios;

/// <summary>
/// The checks of a scenario's step graph: references to steps that exist, no unreachable step, no loop without a wait
/// (and no send inside a loop: its send key is per step and enrollment, so it would send once), and every condition on
/// an e-mail names a send step that runs on every path before it.
/// </summary>
public static class ScenarioGraph
{
    public const string Previous = "previous";

    /// <summary>Conditions on <c>previous</c> (or no step) name the nearest send step above them.</summary>
    public static (IReadOnlyList<ScenarioStep> Steps, IReadOnlyList<ScenarioError> Errors) ResolvePrevious(IReadOnlyList<ScenarioStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var errors = new List<ScenarioError>();
        var resolved = new List<ScenarioStep>();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step.Condition is { Kind: ConditionKind.Opened or ConditionKind.Clicked, AnyWithin: null } c && c.Step is null or Previous)
            {
                var send = steps.Take(i).LastOrDefault(s => s.Kind == StepKind.Send);
                if (send is null)
                {
                    errors.Add(new ScenarioError(step.Line, $"condition '{step.Id}' is on the previous e-mail, but no earlier step sends one", $"{StepPath(i)}.condition"));
                }

                step = step with { Condition = c with { Step = send?.Id } };
            }

            resolved.Add(step);
        }

        return (resolved, errors);
    }

    public static IReadOnlyList<ScenarioError> Check(ScenarioDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<ScenarioError>();
        var ids = definition.Steps.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var step in definition.Steps)
        {
            foreach (var target in References(step).Where(t => t is not null && !ids.Contains(t)))
            {
                errors.Add(new ScenarioError(step.Line, $"step '{step.Id}' goes to '{target}', which is not a step of this scenario", $"{StepPath(definition, step)}.{ReferenceKey(step, target)}"));
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var start = definition.Steps[0].Id;
        var reachable = Reachable(definition, start, without: null);
        errors.AddRange(definition.Steps.Where(s => !reachable.Contains(s.Id))
            .Select(s => new ScenarioError(s.Line, $"step '{s.Id}' is unreachable: no path from the first step leads to it", StepPath(definition, s))));
        errors.AddRange(Loops(definition));
        foreach (var step in definition.Steps.Where(s => s.Condition is { Kind: ConditionKind.Opened or ConditionKind.Clicked, AnyWithin: null }))
        {
            var target = step.Condition!.Step;
            if (target is null)
            {
                continue;
            }

            var sender = definition.StepById(target);
            if (sender is null || sender.Kind != StepKind.Send)
            {
                errors.Add(new ScenarioError(step.Line, $"condition '{step.Id}' is on the e-mail of '{target}', which is not a send step", $"{StepPath(definition, step)}.condition"));
            }
            else if (reachable.Contains(step.Id) && (target == step.Id || Reachable(definition, start, without: target).Contains(step.Id)))
            {
                errors.Add(new ScenarioError(step.Line, $"condition '{step.Id}' is on the e-mail of '{target}', but a path reaches it without that step sending it first", $"{StepPath(definition, step)}.condition"));
            }
        }

        return errors;
    }

    /// <summary>The file path of a step (<c>$.steps[2]</c>), for errors an editor shows at the step.</summary>
    public static string StepPath(ScenarioDefinition definition, ScenarioStep step)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return StepPath(definition.Steps.ToList().FindIndex(s => ReferenceEquals(s, step) || s.Id == step.Id));
    }

    private static string StepPath(int index) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"$.steps[{index}]");

    private static string ReferenceKey(ScenarioStep step, string? target) =>
        step.Next == target ? "next" : step.Then == target ? "then" : step.Else == target ? "else" : "split";

    private static IEnumerable<string?> References(ScenarioStep step) =>
        [step.Next, step.Then, step.Else, .. step.Branches.Select(b => b.Goto)];

    private static HashSet<string> Reachable(ScenarioDefinition definition, string start, string? without)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (start == without)
        {
            return seen;
        }

        var stack = new Stack<string>([start]);
        while (stack.TryPop(out var id))
        {
            if (!seen.Add(id))
            {
                continue;
            }

            foreach (var next in definition.Successors(definition.StepById(id)!).OfType<string>().Where(n => n != without))
            {
                stack.Push(next);
            }
        }

        return seen;
    }

    // A cycle among the steps that do not wait for a duration runs without end; one through a send sends only once.
    private static List<ScenarioError> Loops(ScenarioDefinition definition)
    {
        var errors = new List<ScenarioError>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();

        void Visit(string id)
        {
            state[id] = 1;
            path.Add(id);
            foreach (var next in definition.Successors(definition.StepById(id)!).OfType<string>())
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    var cycle = path.Skip(path.IndexOf(next)).Select(definition.StepById).OfType<ScenarioStep>().ToList();
                    var from = definition.StepById(id)!;
                    if (!cycle.Any(s => s.Kind == StepKind.Wait && s.WaitFor is not null))
                    {
                        errors.Add(new ScenarioError(from.Line, $"step '{from.Id}' loops back to '{next}' with no wait (for: a duration) in the loop", StepPath(definition, from)));
                    }
                    else if (cycle.FirstOrDefault(s => s.Kind == StepKind.Send) is { } send)
                    {
                        errors.Add(new ScenarioError(send.Line, $"send step '{send.Id}' is inside a loop; it would send once per enrollment (its send key is per step)", StepPath(definition, send)));
                    }
                }
                else if (state.GetValueOrDefault(next) == 0)
                {
                    Visit(next);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[id] = 2;
        }

        Visit(definition.Steps[0].Id);
        return errors;
    }
}
