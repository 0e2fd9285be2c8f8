using Connector.Tests.Cli;

namespace Connector.Tests.Scenarios;

/// <summary>crm-esp scenario pin and migrate: new enrollments on a pinned version; running ones moved explicitly, step by id or map.</summary>
[CancelAfter(120_000)]
[NonParallelizable]
public sealed class ScenarioVersionTests
{
    private const string V1 = "name: tips\ntrigger: { type: contact_created }\nre_entry: always\nsteps:\n  - id: hello\n    send: welcome\n  - id: pause\n    wait: 2d\n  - id: tips\n    send: welcome-tips\n";

    private const string V2 = "name: tips\ntrigger: { type: contact_created }\nre_entry: always\nsteps:\n  - id: hello\n    send: welcome\n  - id: delay\n    wait: 1d\n  - id: advice\n    send: welcome-tips\n";

    [Test]
    public async Task Migrate_StepMissingInTarget_RefusedWithEveryProblem_ThenMovedWithAMap_SentStepsNotSentAgain()
    {
        await using var rig = await ScenarioRig.StartAsync();
        var scenario = await rig.ImportAsync(V1);
        await rig.AddContactsAsync([1]);
        await rig.TickAsync();
        await rig.ImportAsync(V2);

        var refused = await CliRun.RunAsync(rig.Folder, "scenario", "migrate", "1", "--from", "1", "--to", "2", "--map", "nope=gone");
        var unchanged = await rig.EnrollmentsAsync(scenario.ScenarioId);
        var moved = await CliRun.RunAsync(rig.Folder, "scenario", "migrate", "1", "--from", "1", "--to", "2", "--map", "tips=advice");
        var after = await rig.EnrollmentsAsync(scenario.ScenarioId);
        rig.Time.Advance(TimeSpan.FromDays(2));
        await rig.TickAsync();

        Assert.Multiple(() =>
        {
            Assert.That(refused.Code, Is.EqualTo(2));
            Assert.That(refused.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Is.EqualTo(new[]
            {
                "crm-esp: scenario migrate: --map nope=gone: the source version has no step 'nope'",
                "crm-esp: scenario migrate: --map nope=gone: the target version has no step 'gone'",
                "crm-esp: scenario migrate: step 'tips' (1 active enrollment(s)) does not exist in the target version; map it with --map tips=STEP",
                "crm-esp: scenario migrate: 3 problem(s); nothing moved",
            }));
            Assert.That(unchanged.Select(e => (e.Version, e.Step)), Is.EqualTo(new[] { (1L, (string?)"tips") }));
            Assert.That((moved.Code, moved.Output.Trim()), Is.EqualTo((0, "scenario 1 'tips': 1 enrollment(s) moved from version 1 to 2")), moved.Error);
            Assert.That(after.Select(e => (e.Version, e.Step)), Is.EqualTo(new[] { (2L, (string?)"advice") }));
            Assert.That(rig.Queue.Created.Select(l => l.TemplateName), Is.EqualTo(new[] { "welcome", "welcome-tips" }), "hello was sent on version 1 and not again; advice is due when tips was");
        });
    }

    [Test]
    public async Task Pin_NewEnrollmentsStartOnThePinnedVersion_LatestUnpins()
    {
        await using var rig = await ScenarioRig.StartAsync();
        var scenario = await rig.ImportAsync(V1);
        await rig.ImportAsync(V2);

        var pin = await CliRun.RunAsync(rig.Folder, "scenario", "pin", "1", "--version", "1");
        await rig.AddContactsAsync([1]);
        await rig.TickAsync();
        var unpin = await CliRun.RunAsync(rig.Folder, "scenario", "pin", "1", "--latest");
        await rig.AddContactsAsync([2]);
        await rig.TickAsync();
        var missing = await CliRun.RunAsync(rig.Folder, "scenario", "pin", "1", "--version", "9");

        Assert.Multiple(async () =>
        {
            Assert.That((pin.Code, pin.Output.Trim()), Is.EqualTo((0, "scenario 1 'tips': new enrollments start on version 1")), pin.Error);
            Assert.That((unpin.Code, unpin.Output.Trim()), Is.EqualTo((0, "scenario 1 'tips': new enrollments start on the latest version (2)")));
            Assert.That((await rig.EnrollmentsAsync(scenario.ScenarioId)).Select(e => (e.Version, e.Step)), Is.EqualTo(new[] { (1L, (string?)"tips"), (2L, (string?)"advice") }));
            Assert.That((missing.Code, missing.Error.Trim()), Is.EqualTo((1, "crm-esp: scenario pin: no scenario 1 (or no version 9)")));
        });
    }
}
