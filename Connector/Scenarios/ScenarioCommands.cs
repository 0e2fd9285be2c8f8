using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Connector.Cli;
using Connector.Host;
using Connector.Store;

namespace Connector.Scenarios;

/// <summary>
/// <c>crm-esp scenario import FILE | export ID | list [--json] | pause ID | resume ID | stop ID | dry-run ID | pin ID | migrate ID</c>.
/// <c>import</c> checks the file whole and prints every error as <c>FILE:LINE: message</c> (exit 2, nothing stored);
/// an unknown id exits 1. <c>dry-run</c> tells who would enter now and how many, entering no one and sending nothing.
/// </summary>
public static partial class ScenarioCommands
{
    public static Command Create(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new Command("scenario", "Scenarios: e-mails fired by pipeline events (YAML or JSON files)")
        {
            Import(configuration, time, sandbox), Export(configuration, time, sandbox), List(configuration, time, sandbox),
            State(configuration, time, sandbox, "pause", "Pause: due steps wait, no one enters until resume"),
            State(configuration, time, sandbox, "resume", "Resume a paused scenario (moves made meanwhile are acted on, within max_lateness), or a stopped one from now on"),
            State(configuration, time, sandbox, "stop", "Stop: every active enrollment exits, no one enters"),
            DryRun(configuration, time, sandbox), Pin(configuration, time, sandbox), Migrate(configuration, time, sandbox),
        };
    }

    private static Command Import(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var file = new Argument<string>("FILE") { Description = "A scenario file (.yaml, .yml or .json)" };
        var portal = new Option<string?>("--portal") { Description = "Portal key (default: the file's portal, the configured or the only one)" };
        var import = new Command("import", "Check a scenario file whole and store it (a known name gets a new version)") { file, portal };
        import.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var text = await File.ReadAllTextAsync(path, ct);
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var read = ScenarioFileReader.Read(text);
            var (portalId, problem) = await MirrorPortal.ResolveAsync(host.Services.GetRequiredService<MirrorQueries>(), host.Choice, parse.GetValue(portal) ?? read.Definition?.Portal, ct);
            if (portalId is not { } id)
            {
                return await FailAsync(1, problem!);
            }

            var (imported, errors) = await host.Services.GetRequiredService<ScenarioImporter>().ImportAsync(text, id, ct);
            if (imported is null)
            {
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync(error.Format(path));
                }

                return await FailAsync(2, string.Create(CultureInfo.InvariantCulture, $"import: {errors.Count} error(s) in {path}; nothing stored"));
            }

            var what = imported.NewScenario ? "new scenario" : imported.NewVersion ? "new version; running enrollments finish on theirs" : "unchanged";
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"scenario {imported.ScenarioId} '{read.Definition!.Name}' version {imported.Version} ({what})"));
            return 0;
        });
        return import;
    }

    private static Command Export(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var id = new Argument<long>("ID") { Description = "Scenario id (scenario list)" };
        var version = new Option<long?>("--version") { Description = "A stored version (default: the current one)" };
        var export = new Command("export", "Print a scenario's file as imported") { id, version };
        export.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var store = host.Services.GetRequiredService<ScenarioStore>();
            if (await store.FindAsync(parse.GetValue(id), ct) is not { } scenario
                || await store.VersionAsync(scenario.Id, parse.GetValue(version) ?? scenario.CurrentVersion, ct) is not { } stored)
            {
                return await FailAsync(1, string.Create(CultureInfo.InvariantCulture, $"export: no scenario {parse.GetValue(id)} (or no such version)"));
            }

            await Console.Out.WriteAsync(stored.Source);
            return 0;
        });
        return export;
    }

    private static Command List(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var json = new Option<bool>("--json") { Description = "One JSON array: id, name, version, state, enrolled, active, completed, exited, skipped_late" };
        var list = new Command("list", "Scenarios with their current version, state and enrollment counts") { json };
        list.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var rows = await host.Services.GetRequiredService<ScenarioStore>().ListAsync(ct);
            if (parse.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(rows.Select(r => new
                {
                    id = r.Id, name = r.Name, version = r.CurrentVersion, pinned_version = r.PinnedVersion, state = r.State, enrolled = r.Enrolled, active = r.Active,
                    completed = r.Completed, exited = r.Exited, skipped_late = r.SkippedLate, state_reason = r.StateReason,
                }), CliJson.Options));
                return 0;
            }

            await Console.Out.WriteLineAsync("id\tname\tversion\tstate\tenrolled\tactive\tcompleted\texited\tskipped_late\treason");
            foreach (var r in rows)
            {
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Id}\t{r.Name}\t{r.CurrentVersion}\t{r.State}\t{r.Enrolled}\t{r.Active}\t{r.Completed}\t{r.Exited}\t{r.SkippedLate}\t{r.StateReason}"));
            }

            return 0;
        });
        return list;
    }

    private static Command State(IConfiguration configuration, TimeProvider time, Option<bool> sandbox, string verb, string description)
    {
        var id = new Argument<long>("ID") { Description = "Scenario id (scenario list)" };
        var command = new Command(verb, description) { id };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var which = parse.GetValue(id);
            var change = await host.Services.GetRequiredService<ScenarioLifecycle>().ChangeAsync(which, verb, ct);
            if (!change.Done)
            {
                return await FailAsync(1, $"{verb}: {change.Refusal}");
            }

            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"scenario {which} '{change.Scenario!.Name}': {change.Scenario.State}"));
            return 0;
        });
        return command;
    }

    private static Command DryRun(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var id = new Argument<long>("ID") { Description = "Scenario id (scenario list)" };
        var json = new Option<bool>("--json") { Description = "One JSON object: would_enter, skipped_late, skipped_re_entry, skipped_active, sample" };
        var command = new Command("dry-run", "Who would enter now, and how many, without entering anyone or sending anything") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            if (await host.Services.GetRequiredService<ScenarioTriggers>().DryRunAsync(parse.GetValue(id), ct) is not { } result)
            {
                return await FailAsync(1, string.Create(CultureInfo.InvariantCulture, $"dry-run: no scenario {parse.GetValue(id)}"));
            }

            if (parse.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    would_enter = result.Entered, skipped_late = result.SkippedLate, skipped_re_entry = result.SkippedReEntry, skipped_active = result.SkippedActive,
                    sample = result.Sample.Select(c => new { deal = c.DealId, contact = c.ContactId, at = c.OccurredAt }),
                }, CliJson.Options));
                return 0;
            }

            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{result.Entered} would enter now (skipped: {result.SkippedLate} later than max_lateness, {result.SkippedReEntry} by re-entry, {result.SkippedActive} still enrolled)"));
            foreach (var c in result.Sample)
            {
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"deal {c.DealId?.ToString(CultureInfo.InvariantCulture) ?? "-"}\tcontact {c.ContactId?.ToString(CultureInfo.InvariantCulture) ?? "-"}\t{c.OccurredAt}"));
            }

            return 0;
        });
        return command;
    }

    private static async Task<int> FailAsync(int code, string line)
    {
        await Console.Error.WriteLineAsync($"crm-esp: scenario {line}");
        return code;
    }
}
