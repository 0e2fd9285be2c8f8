using Microsoft.Extensions.Logging;

namespace Connector.Scenarios;

/// <summary>
/// The trigger pass: for every active scenario, reads the mirror's transitions and creations after its cursors and
/// enters those not later than its max_lateness (the late ones are counted). Dry-run is the same pass rolled back.
/// </summary>
public sealed class ScenarioTriggers(ScenarioStore scenarios, EnrollmentStore enrollments, ILogger<ScenarioTriggers> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var entered = 0;
        foreach (var scenario in (await scenarios.ListAsync(cancellationToken)).Where(s => s.State == "active"))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = await PassAsync(scenario, commit: true, cancellationToken);
            entered += result.Entered;
            if (result.Entered > 0)
            {
                // scripts/bench-scenario.sh reads this line for enrollments/s.
                logger.LogInformation("Scenario {Scenario}: {Entered} entered in {Milliseconds} ms", scenario.Name, result.Entered, clock.ElapsedMilliseconds);
            }

            if (result.SkippedLate > 0)
            {
                logger.LogWarning("Scenario {Scenario}: {Late} triggers found later than max_lateness were skipped", scenario.Name, result.SkippedLate);
            }
        }

        return entered;
    }

    /// <summary>Who would enter scenario <paramref name="id"/> now, and how many, without entering anyone; null when there is no such scenario.</summary>
    public async Task<EnrollResult?> DryRunAsync(long id, CancellationToken cancellationToken) =>
        await scenarios.FindAsync(id, cancellationToken) is { } scenario ? await PassAsync(scenario, commit: false, cancellationToken) : null;

    private async Task<EnrollResult> PassAsync(ScenarioRow scenario, bool commit, CancellationToken cancellationToken)
    {
        var (definition, _) = await scenarios.VersionAsync(scenario.Id, scenario.CurrentVersion, cancellationToken)
            ?? throw new InvalidOperationException($"scenario {scenario.Id} has no version {scenario.CurrentVersion}");
        // Explicit triggers (api, robot) have nothing to read in the mirror: their entries come from ScenarioEntries.
        return definition.Trigger.Kind is TriggerKind.Api or TriggerKind.Robot
            ? new EnrollResult()
            : await enrollments.EnrollAsync(scenario, definition, commit, cancellationToken);
    }
}
