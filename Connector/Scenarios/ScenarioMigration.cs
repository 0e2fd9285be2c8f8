namespace Connector.Scenarios;

/// <summary>
/// An explicit migration of running enrollments from one version to another (crm-esp scenario migrate): each moves to
/// the step with the same id in the target, or the one <c>--map old=new</c> names. Refused whole, every problem listed,
/// when a step an enrollment is at (or a map's side) does not exist where it must.
/// </summary>
public static class ScenarioMigration
{
    public static IReadOnlyList<string> Problems(ScenarioDefinition from, ScenarioDefinition to, IReadOnlyDictionary<string, string> map, IReadOnlyDictionary<string, long> activeSteps)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(activeSteps);
        var problems = new List<string>();
        foreach (var (old, target) in map)
        {
            if (from.StepById(old) is null)
            {
                problems.Add($"--map {old}={target}: the source version has no step '{old}'");
            }

            if (to.StepById(target) is null)
            {
                problems.Add($"--map {old}={target}: the target version has no step '{target}'");
            }
        }

        foreach (var (step, count) in activeSteps)
        {
            var target = map.GetValueOrDefault(step, step);
            if (!map.ContainsKey(step) && to.StepById(target) is null)
            {
                problems.Add($"step '{step}' ({count} active enrollment(s)) does not exist in the target version; map it with --map {step}=STEP");
            }
        }

        return problems;
    }
}
