using System.Text.Json;
using Connector.Sync;
using Connector.Tests.Cli;

namespace Connector.Tests.Scenarios;

/// <summary>A scenario whose stage or pipeline disappears from the mirror pauses itself with the reason, once, and stays paused while it holds.</summary>
[CancelAfter(120_000)]
[NonParallelizable]
public sealed class ScenarioSelfPauseTests
{
    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [Test]
    public async Task StageGone_PausesItselfWithTheReason_ResumeRefusedUntilItIsBack()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1]);
        await rig.MoveDealAsync(1, "NEW");
        var scenario = await rig.ImportManifestAsync("proposal-follow-up.yaml");
        var pipelines = new[] { new CrmPipeline(0, "Sales", 0, true) };
        CrmStage[] withoutProposal = [new("NEW", 0, "New", 10, "P", null), new("WON", 0, "Won", 40, "S", null), new("LOSE", 0, "Lost", 50, "F", null)];
        await rig.Mirror.UpsertPipelinesAsync(rig.Portal, pipelines, withoutProposal, Token);

        await rig.TickAsync();
        await rig.TickAsync();
        var list = await CliRun.RunAsync(rig.Folder, "scenario", "list", "--json");
        var refused = await CliRun.RunAsync(rig.Folder, "scenario", "resume", "1");
        await rig.Mirror.UpsertPipelinesAsync(rig.Portal, pipelines, [.. withoutProposal, new("PREPARATION", 0, "Proposal", 20, "P", null)], Token);
        var resumed = await CliRun.RunAsync(rig.Folder, "scenario", "resume", "1");

        using var listed = JsonDocument.Parse(list.Output);
        var row = listed.RootElement[0];
        const string Reason = "unknown stage PREPARATION in pipeline 0 (it has NEW, WON, LOSE)";
        Assert.Multiple(() =>
        {
            Assert.That((row.GetProperty("state").GetString(), row.GetProperty("state_reason").GetString()), Is.EqualTo(("paused", Reason)));
            Assert.That((refused.Code, refused.Error.Trim()), Is.EqualTo((1, $"crm-esp: scenario resume: scenario 1 stays paused: {Reason}")));
            Assert.That((resumed.Code, resumed.Output.Trim()), Is.EqualTo((0, "scenario 1 'proposal-follow-up': active")), resumed.Error);
            Assert.That(scenario.ScenarioId, Is.EqualTo(1));
        });
    }
}
