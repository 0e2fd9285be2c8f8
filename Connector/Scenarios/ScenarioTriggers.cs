using Connector.Segments;
using Connector.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Scenarios;

/// <summary>
/// The trigger pass: for every active scenario, reads the mirror's transitions and creations after its cursors (or
/// scans for its trigger's occurrences) and enters those not later than its max_lateness (the late ones are counted).
/// A scenario whose template, stage, pipeline or segment is gone pauses itself first (<see cref="ScenarioHealth"/>).
/// Dry-run is the same pass rolled back.
/// </summary>
public sealed class ScenarioTriggers(
    ScenarioStore scenarios, EnrollmentStore enrollments, ScenarioHealth health, SegmentEvaluator segments, SegmentQueries segmentQueries, Rfm.RfmQueries rfm,
    IOptions<ScenariosOptions> options, ILogger<ScenarioTriggers> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var entered = 0;
        foreach (var scenario in (await scenarios.ListAsync(cancellationToken)).Where(s => s.State == "active"))
        {
            var (definition, _) = await scenarios.VersionAsync(scenario.Id, scenario.EntryVersion, cancellationToken)
                ?? throw new InvalidOperationException($"scenario {scenario.Id} has no version {scenario.EntryVersion}");
            if (await health.ProblemAsync(scenario, definition, cancellationToken) is { } problem)
            {
                // Once: the state changes from active only the first time, so the log says it once.
                if (await scenarios.PauseItselfAsync(scenario.Id, problem, cancellationToken))
                {
                    logger.LogWarning("Scenario {Scenario} paused itself: {Reason}", scenario.Name, problem);
                }

                continue;
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = await PassAsync(scenario, definition, commit: true, cancellationToken);
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
    public async Task<EnrollResult?> DryRunAsync(long id, CancellationToken cancellationToken)
    {
        if (await scenarios.FindAsync(id, cancellationToken) is not { } scenario)
        {
            return null;
        }

        var (definition, _) = await scenarios.VersionAsync(scenario.Id, scenario.EntryVersion, cancellationToken)
            ?? throw new InvalidOperationException($"scenario {scenario.Id} has no version {scenario.EntryVersion}");
        return await PassAsync(scenario, definition, commit: false, cancellationToken);
    }

    private async Task<EnrollResult> PassAsync(ScenarioRow scenario, ScenarioDefinition definition, bool commit, CancellationToken cancellationToken)
    {
        // Explicit triggers (api, robot) have nothing to read in the mirror: their entries come from ScenarioEntries.
        if (definition.Trigger.Kind is TriggerKind.Api or TriggerKind.Robot)
        {
            return new EnrollResult();
        }

        var scan = TriggerScan.None;
        if (definition.Trigger.Scans)
        {
            var settings = options.Value;
            scan = new TriggerScan
            {
                TimeZoneField = settings.TimeZoneField,
                DefaultZone = TimeZoneInfo.FindSystemTimeZoneById(settings.DefaultTimeZone),
                PortalZone = PortalTimeZones.Parse(await enrollments.PortalTimeZoneAsync(scenario.PortalId, cancellationToken)),
                SegmentMembers = definition.Trigger switch
                {
                    { Segment: { } name } => await MembersAsync(scenario.PortalId, name, cancellationToken),
                    { Rfm: { } code } => await rfm.ContactIdsAsync(scenario.PortalId, code, cancellationToken),
                    _ => null,
                },
            };
        }

        return await enrollments.EnrollAsync(scenario, definition, scan, commit, cancellationToken);
    }

    private async Task<IReadOnlyCollection<long>?> MembersAsync(long portalId, string segment, CancellationToken cancellationToken)
    {
        if ((await segments.PrepareSavedAsync(segment, cancellationToken)).Sql is not { } sql)
        {
            return null;
        }

        var members = new List<long>();
        await foreach (var id in segmentQueries.ContactIdsAsync(portalId, sql, cancellationToken))
        {
            members.Add(id);
        }

        return members;
    }
}
