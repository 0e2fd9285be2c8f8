namespace Connector.Scenarios;

/// <summary>
/// Whether what a scenario leans on still exists in the CRM: the import's own checks (pipeline, stages, templates,
/// segments) run again on each pass. A problem is the reason the scenario pauses itself, instead of failing each of its
/// enrollments; resume refuses while it still holds.
/// </summary>
public sealed class ScenarioHealth(ScenarioValidator validator)
{
    public async Task<string?> ProblemAsync(ScenarioRow scenario, ScenarioDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var problems = await validator.ValidateAsync(definition, scenario.PortalId, cancellationToken);
        return problems.Count == 0 ? null : string.Join("; ", problems.Select(p => p.Message));
    }
}
