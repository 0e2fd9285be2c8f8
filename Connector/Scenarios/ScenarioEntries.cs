namespace Connector.Scenarios;

/// <summary>
/// Explicit entry into a scenario, for the api trigger (<c>POST /api/v1/scenarios/{name}/enrollments</c>) and the
/// Bitrix24 robot's internal scenarios: the scenario must exist in the portal, be explicit (api or robot trigger) and
/// active; then <see cref="EnrollmentStore.EnterAsync"/> enters the deal or contact once per entry key.
/// </summary>
public sealed class ScenarioEntries(ScenarioStore scenarios, EnrollmentStore enrollments)
{
    /// <summary>Enters <paramref name="entry"/> into the api-triggered scenario <paramref name="name"/> of the portal.</summary>
    public async Task<ExplicitEntryResult> EnterAsync(long portalId, string name, ExplicitEntry entry, CancellationToken cancellationToken)
    {
        if (await scenarios.FindByNameAsync(portalId, name, cancellationToken) is not { } scenario)
        {
            return ExplicitEntryResult.Refuse(ExplicitEntryResult.UnknownScenario, $"no scenario '{name}' in this portal");
        }

        var (definition, _) = await scenarios.VersionAsync(scenario.Id, scenario.EntryVersion, cancellationToken)
            ?? throw new InvalidOperationException($"scenario {scenario.Id} has no version {scenario.EntryVersion}");
        if (definition.Trigger.Kind != TriggerKind.Api)
        {
            return ExplicitEntryResult.Refuse(ExplicitEntryResult.NotExplicit,
                $"scenario '{name}' is entered by its trigger ({System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(definition.Trigger.Kind.ToString())}), not by a call; only 'trigger: {{ type: api }}' scenarios are");
        }

        return await EnterAsync(scenario, definition, entry, cancellationToken);
    }

    /// <summary>Enters <paramref name="entry"/> into a scenario already found (the robot's own, or an api one).</summary>
    public async Task<ExplicitEntryResult> EnterAsync(ScenarioRow scenario, ScenarioDefinition definition, ExplicitEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.State != "active")
        {
            return ExplicitEntryResult.Refuse(ExplicitEntryResult.NotActive, $"scenario '{scenario.Name}' is {scenario.State}: no one enters until it is resumed");
        }

        return await enrollments.EnterAsync(scenario, definition, entry, cancellationToken);
    }
}
