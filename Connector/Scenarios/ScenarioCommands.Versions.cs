using System.CommandLine;
using System.Globalization;
using Connector.Cli;
using Connector.Host;

namespace Connector.Scenarios;

public static partial class ScenarioCommands
{
    private static Command Pin(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var id = new Argument<long>("ID") { Description = "Scenario id (scenario list)" };
        var version = new Option<long?>("--version") { Description = "The stored version new enrollments start on" };
        var latest = new Option<bool>("--latest") { Description = "Unpin: new enrollments start on the latest version again" };
        var command = new Command("pin", "Pin the version new enrollments start on (running ones stay on theirs)") { id, version, latest };
        command.SetAction(async (parse, ct) =>
        {
            var which = parse.GetValue(id);
            if (parse.GetValue(version) is null == !parse.GetValue(latest))
            {
                return await FailAsync(2, "pin: give --version N or --latest");
            }

            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var store = host.Services.GetRequiredService<ScenarioStore>();
            if (await store.FindAsync(which, ct) is not { } scenario || !await store.PinAsync(which, parse.GetValue(version), ct))
            {
                return await FailAsync(1, string.Create(CultureInfo.InvariantCulture, $"pin: no scenario {which} (or no version {parse.GetValue(version)})"));
            }

            await Console.Out.WriteLineAsync(parse.GetValue(version) is { } pinned
                ? string.Create(CultureInfo.InvariantCulture, $"scenario {which} '{scenario.Name}': new enrollments start on version {pinned}")
                : string.Create(CultureInfo.InvariantCulture, $"scenario {which} '{scenario.Name}': new enrollments start on the latest version ({scenario.CurrentVersion})"));
            return 0;
        });
        return command;
    }

    private static Command Migrate(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var id = new Argument<long>("ID") { Description = "Scenario id (scenario list)" };
        var from = new Option<long>("--from") { Description = "The version running enrollments are on", Required = true };
        var to = new Option<long>("--to") { Description = "The version they move to", Required = true };
        var map = new Option<string[]>("--map") { Description = "old_step=new_step for a step whose id changed (repeatable)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("migrate", "Move running enrollments to another version, at the same step id or per --map; refused whole, every problem listed") { id, from, to, map };
        command.SetAction(async (parse, ct) =>
        {
            var which = parse.GetValue(id);
            var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(map) ?? [])
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                if (at <= 0 || at == pair.Length - 1 || !pairs.TryAdd(pair[..at], pair[(at + 1)..]))
                {
                    return await FailAsync(2, $"migrate: --map '{pair}' must be old_step=new_step, each old step once");
                }
            }

            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var store = host.Services.GetRequiredService<ScenarioStore>();
            var enrollments = host.Services.GetRequiredService<EnrollmentStore>();
            var (source, target) = (parse.GetValue(from), parse.GetValue(to));
            if (await store.FindAsync(which, ct) is not { } scenario
                || await store.VersionAsync(which, source, ct) is not { } old || await store.VersionAsync(which, target, ct) is not { } next)
            {
                return await FailAsync(1, string.Create(CultureInfo.InvariantCulture, $"migrate: no scenario {which} (or no version {source} or {target})"));
            }

            var problems = ScenarioMigration.Problems(old.Definition, next.Definition, pairs, await enrollments.ActiveStepsAsync(which, source, ct));
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await Console.Error.WriteLineAsync($"crm-esp: scenario migrate: {problem}");
                }

                return await FailAsync(2, string.Create(CultureInfo.InvariantCulture, $"migrate: {problems.Count} problem(s); nothing moved"));
            }

            var moved = await enrollments.MigrateAsync(which, source, target, pairs, ct);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"scenario {which} '{scenario.Name}': {moved} enrollment(s) moved from version {source} to {target}"));
            return 0;
        });
        return command;
    }
}
