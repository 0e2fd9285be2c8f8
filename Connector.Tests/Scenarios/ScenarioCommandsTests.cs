using System.Text.Json;
using Connector.Tests.Cli;

namespace Connector.Tests.Scenarios;

/// <summary>The scenario verbs through the real command line, on a store the rig seeded (portal, pipeline, templates).</summary>
[CancelAfter(120_000)]
[NonParallelizable]
public sealed class ScenarioCommandsTests
{
    [Test]
    public async Task ScenarioVerbs_ImportListDryRunPauseResumeStopExport()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1]);
        await rig.MoveDealAsync(1, "NEW");
        var file = ScenarioRig.Manifest("scenarios/proposal-follow-up.yaml");

        var import = await CliRun.RunAsync(rig.Folder, "scenario", "import", file);
        await rig.MoveDealAsync(1, "PREPARATION", TimeProvider.System.GetUtcNow());
        var dryRun = await CliRun.RunAsync(rig.Folder, "scenario", "dry-run", "1", "--json");
        var list = await CliRun.RunAsync(rig.Folder, "scenario", "list", "--json");
        var pause = await CliRun.RunAsync(rig.Folder, "scenario", "pause", "1");
        var pauseAgain = await CliRun.RunAsync(rig.Folder, "scenario", "pause", "1");
        var resume = await CliRun.RunAsync(rig.Folder, "scenario", "resume", "1");
        var stop = await CliRun.RunAsync(rig.Folder, "scenario", "stop", "1");
        var export = await CliRun.RunAsync(rig.Folder, "scenario", "export", "1");
        var missing = await CliRun.RunAsync(rig.Folder, "scenario", "pause", "99");

        using var listed = JsonDocument.Parse(list.Output);
        var row = listed.RootElement[0];
        using var dry = JsonDocument.Parse(dryRun.Output);
        Assert.Multiple(() =>
        {
            Assert.That((import.Code, import.Output.Trim()), Is.EqualTo((0, "scenario 1 'proposal-follow-up' version 1 (new scenario)")), import.Error);
            Assert.That((dryRun.Code, dry.RootElement.GetProperty("would_enter").GetInt32(), dry.RootElement.GetProperty("sample")[0].GetProperty("deal").GetInt64()), Is.EqualTo((0, 1, 1L)), dryRun.Error);
            Assert.That((row.GetProperty("id").GetInt64(), row.GetProperty("name").GetString(), row.GetProperty("version").GetInt64(), row.GetProperty("state").GetString()),
                Is.EqualTo((1L, "proposal-follow-up", 1L, "active")));
            Assert.That((row.GetProperty("enrolled").GetInt64(), row.GetProperty("active").GetInt64(), row.GetProperty("exited").GetInt64()), Is.EqualTo((0L, 0L, 0L)), "dry-run entered no one");
            Assert.That((pause.Code, pause.Output.Trim()), Is.EqualTo((0, "scenario 1 'proposal-follow-up': paused")));
            Assert.That((pauseAgain.Code, pauseAgain.Error.Trim()), Is.EqualTo((1, "crm-esp: scenario pause: scenario 1 is paused")));
            Assert.That((resume.Code, resume.Output.Trim()), Is.EqualTo((0, "scenario 1 'proposal-follow-up': active")));
            Assert.That((stop.Code, stop.Output.Trim()), Is.EqualTo((0, "scenario 1 'proposal-follow-up': stopped")));
            Assert.That((export.Code, export.Output), Is.EqualTo((0, File.ReadAllText(file))));
            Assert.That((missing.Code, missing.Error.Trim()), Is.EqualTo((1, "crm-esp: scenario pause: no scenario 99")));
        });
    }

    [Test]
    public async Task ScenarioImport_InvalidFile_Exit2EveryErrorWithFileAndLine_NothingStored()
    {
        await using var rig = await ScenarioRig.StartAsync();
        var file = Path.Combine(rig.Folder, "bad.yaml");
        await File.WriteAllTextAsync(file, "name: bad\ntrigger:\n  type: deal_entered_stage\n  pipeline: 0\n  stage: NOPE\nsteps:\n  - send: missing\n");

        var (code, output, error) = await CliRun.RunAsync(rig.Folder, "scenario", "import", file);
        var list = await CliRun.RunAsync(rig.Folder, "scenario", "list", "--json");

        Assert.Multiple(() =>
        {
            Assert.That((code, output), Is.EqualTo((2, "")));
            Assert.That(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
            {
                $"{file}:5: unknown stage NOPE in pipeline 0 (it has NEW, PREPARATION, EXECUTING, WON, LOSE)",
                $"{file}:7: step 'step-1': template 'missing' is not stored",
                $"crm-esp: scenario import: 2 error(s) in {file}; nothing stored",
            }));
            Assert.That(list.Output.Trim(), Is.EqualTo("[]"));
        });
    }
}
