namespace Connector.Scenarios;

/// <summary>
/// Pause, resume and stop, one rule for every caller (<c>crm-esp scenario pause|resume|stop</c> and the app's page):
/// pause only an active scenario; resume a paused one (refused while the reason it paused itself still holds) or a
/// stopped one from the present on; stop anything not stopped yet.
/// </summary>
public sealed class ScenarioLifecycle(ScenarioStore store, ScenarioHealth health)
{
    public async Task<ScenarioStateChange> ChangeAsync(long id, string verb, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } scenario)
        {
            return new ScenarioStateChange(false, null, $"no scenario {id}");
        }

        if (verb == "resume" && await store.VersionAsync(scenario.Id, scenario.EntryVersion, cancellationToken) is { } current
            && await health.ProblemAsync(scenario, current.Definition, cancellationToken) is { } problem)
        {
            return new ScenarioStateChange(false, scenario, $"scenario {id} stays {scenario.State}: {problem}");
        }

        var done = verb switch
        {
            "pause" => await store.SetStateAsync(id, "active", "paused", cancellationToken),
            "resume" => scenario.State == "stopped" ? await store.RestartAsync(id, cancellationToken) : await store.SetStateAsync(id, "paused", "active", cancellationToken),
            "stop" => scenario.State != "stopped" && await store.StopAsync(id, cancellationToken) >= 0,
            _ => throw new ArgumentOutOfRangeException(nameof(verb), verb, "pause, resume or stop"),
        };
        return done
            ? new ScenarioStateChange(true, await store.FindAsync(id, cancellationToken), null)
            : new ScenarioStateChange(false, scenario, $"scenario {id} is {scenario.State}");
    }
}
