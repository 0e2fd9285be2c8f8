using Connector.Scenarios;

namespace Connector.Tests.Scenarios;

/// <summary>Import checks the file against the mirror and the stored templates too; an invalid file is refused whole and nothing is stored.</summary>
[CancelAfter(60_000)]
public sealed class ScenarioImporterTests
{
    [Test]
    public async Task ImportAsync_UnknownStagePipelineAndTemplate_EveryErrorWithItsLine_NothingStored()
    {
        await using var rig = await ScenarioRig.StartAsync();
        const string Yaml = """
            name: wrong-crm
            trigger:
              type: deal_entered_stage
              pipeline: 0
              stage: PROPOSAL
              from_stage: NEW
            steps:
              - id: offer
                send: no-such-template
              - id: check
                condition: { stage: ARCHIVED }
                then: end
              - id: end
                exit: true
              - id: lost
                exit: true
            """;
        var importer = (ScenarioImporter)rig.Services.GetService(typeof(ScenarioImporter))!;

        var (imported, errors) = await importer.ImportAsync(Yaml, rig.Portal, TestContext.CurrentContext.CancellationToken);
        var other = await importer.ImportAsync(Yaml.Replace("pipeline: 0", "pipeline: 9", StringComparison.Ordinal), rig.Portal, TestContext.CurrentContext.CancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(imported, Is.Null);
            Assert.That(errors.Select(e => e.Format("f")), Is.EqualTo(new[]
            {
                "f:5: unknown stage PROPOSAL in pipeline 0 (it has NEW, PREPARATION, EXECUTING, WON, LOSE)",
                "f:8: step 'offer': template 'no-such-template' is not stored",
                "f:10: condition 'check': unknown stage ARCHIVED",
                "f:15: step 'lost' is unreachable: no path from the first step leads to it",
            }));
            Assert.That(other.Errors[0].Format("f"), Is.EqualTo("f:5: unknown pipeline 9 (the mirror has pipelines 0, 1; run crm-esp stages)"));
            Assert.That(await rig.Scenarios.ListAsync(TestContext.CurrentContext.CancellationToken), Is.Empty);
        });
    }
}
