namespace Connector.Tests.Scenarios;

/// <summary>contact_created and deal_created: new mirror rows after the scenario's cursor, late ones counted.</summary>
[CancelAfter(120_000)]
public sealed class CreationTriggerTests
{
    [Test]
    public async Task WelcomeSeries_ContactCreated_WelcomeNowTipsOnTheNextWeekdayMorningInTheContactsZone()
    {
        await using var rig = await ScenarioRig.StartAsync(new Dictionary<string, string?> { ["Scenarios:TimeZoneField"] = "UF_CRM_TZ" });
        await rig.AddContactsAsync([1]);
        var scenario = await rig.ImportManifestAsync("welcome-series.yaml");
        // T0 is Tuesday 09:00 UTC. Contact 2 lives in Vladivostok (UTC+10); contact 3 was created three days ago and is found only now.
        await rig.AddContactsAsync([2], new Dictionary<string, IReadOnlyList<string>> { ["UF_CRM_TZ"] = ["Asia/Vladivostok"] });
        await rig.AddContactsAsync([3], createdAt: ScenarioRig.T0.AddDays(-3));

        await rig.TickAsync();
        var first = rig.SentKeys();
        rig.Time.Advance(TimeSpan.FromDays(2));         // Thursday 09:00 UTC = 19:00 in Vladivostok: outside 09:00-12:00
        await rig.TickAsync();
        var atTwoDays = rig.SentKeys().Count;
        rig.Time.Advance(TimeSpan.FromHours(14) - TimeSpan.FromMinutes(1));
        await rig.TickAsync();
        var beforeMorning = rig.SentKeys().Count;
        rig.Time.Advance(TimeSpan.FromMinutes(1));      // Thursday 23:00 UTC = Friday 09:00 in Vladivostok
        await rig.TickAsync();

        var row = await rig.Scenarios.FindAsync(scenario.ScenarioId, TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(rig.Queue.Created.Take(1).Select(l => (l.ContactId, l.TemplateName, l.DealId)), Is.EqualTo(new[] { ((long?)2, "welcome", (long?)null) }));
            Assert.That(first, Has.Count.EqualTo(1), "contact 1 existed before the import; contact 3 is late");
            Assert.That((atTwoDays, beforeMorning), Is.EqualTo((1, 1)));
            Assert.That(rig.Queue.Created.Select(l => l.TemplateName), Is.EqualTo(new[] { "welcome", "welcome-tips" }));
            Assert.That(row!.SkippedLate, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task DealCreated_InThePipeline_Enters_OtherPipelineDoesNot()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1, 2]);
        var scenario = await rig.ImportAsync("""
            name: new-deal
            trigger: { type: deal_created, pipeline: 0 }
            steps:
              - send: proposal
            """);
        await rig.MoveDealsAsync([1], "NEW");
        await rig.MoveDealsAsync([2], "C1:NEW", pipeline: 1);

        await rig.TickAsync();
        await rig.TickAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(rig.Queue.Created.Select(l => (l.DealId, l.ContactId, l.SendKey)), Is.EqualTo(new[] { ((long?)1, (long?)1, $"step:step-1:enrollment:{(await rig.EnrollmentsAsync(scenario.ScenarioId))[0].Id}") }));
            Assert.That((await rig.EnrollmentsAsync(scenario.ScenarioId)).Select(r => r.State), Is.EqualTo(new[] { "completed" }));
        });
    }
}
