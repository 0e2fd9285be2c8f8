namespace Connector.Scenarios;

/// <summary>
/// For each step, the steps every path from the first step to it runs through (itself included): an enrollment at a
/// step has passed each of them. The classic iterative data-flow over the step graph.
/// </summary>
public static class ScenarioDominators
{
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Of(ScenarioDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var ids = definition.Steps.Select(s => s.Id).Distinct(StringComparer.Ordinal).ToList();
        var predecessors = ids.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var step in definition.Steps)
        {
            foreach (var next in definition.Successors(step).OfType<string>().Where(predecessors.ContainsKey))
            {
                predecessors[next].Add(step.Id);
            }
        }

        var start = ids[0];
        var all = ids.ToHashSet(StringComparer.Ordinal);
        var dom = ids.ToDictionary(id => id, id => id == start ? new HashSet<string>([start], StringComparer.Ordinal) : new HashSet<string>(all, StringComparer.Ordinal), StringComparer.Ordinal);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var id in ids.Where(i => i != start))
            {
                var next = predecessors[id].Count == 0 ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>(dom[predecessors[id][0]], StringComparer.Ordinal);
                foreach (var p in predecessors[id].Skip(1))
                {
                    next.IntersectWith(dom[p]);
                }

                next.Add(id);
                if (!next.SetEquals(dom[id]))
                {
                    dom[id] = next;
                    changed = true;
                }
            }
        }

        return dom.ToDictionary(kv => kv.Key, kv => (IReadOnlySet<string>)kv.Value, StringComparer.Ordinal);
    }
}
