using Connector.Scenarios;
using Dapper;

namespace Connector.Tests.Scenarios;

/// <summary>Re-entry, lateness, versions, pause/resume/stop and dry-run over the real store and the mirror's transitions.</summary>
[CancelAfter(120_000)]
public sealed class ScenarioLifecycleTests
{
    private const string Once = """
        name: in-work
        trigger: { type: deal_entered_stage, pipeline: 0, stage: EXECUTING }
        max_lateness: 6h
        re_entry: RE_ENTRY
        exit: { won: false, lost: false, left_pipeline: false }
        steps:
          - id: hello
            send: proposal
          - id: pause
            wait: { for: 1h }
          - id: bye
            send: proposal-reminder
        """;

    private static string WithReEntry(string reEntry) => Once.Replace("RE_ENTRY", reEntry, StringComparison.Ordinal);

    private static async Task EnterAgainAsync(ScenarioRig rig, long deal)
    {
        await rig.MoveDealAsync(deal, "NEW");
        rig.Time.Advance(TimeSpan.FromMinutes(1));
        await rig.MoveDealAsync(deal, "EXECUTING");
        await rig.TickAsync();
    }

    [TestCase("once", 1)]
    [TestCase("always", 3)]
    [TestCase("{ at_most_once_per: 30d }", 2)]
    public async Task ReEntry_DealEntersThreeTimes_EnrollmentsPerRule(string rule, int expected)
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1]);
        await rig.MoveDealAsync(1, "NEW");
        var scenario = await rig.ImportAsync(WithReEntry(rule));

        await EnterAgainAsync(rig, 1);
        rig.Time.Advance(TimeSpan.FromHours(2));
        await rig.TickAsync();
        await EnterAgainAsync(rig, 1);
        rig.Time.Advance(TimeSpan.FromHours(2));
        await rig.TickAsync();
        rig.Time.Advance(TimeSpan.FromDays(31));
        await EnterAgainAsync(rig, 1);

        var rows = await rig.EnrollmentsAsync(scenario.ScenarioId);
        Assert.That(rows, Has.Count.EqualTo(expected), string.Join("; ", rows));
    }

    [Test]
    public async Task ReEntry_Always_NotWhileStillEnrolled()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1]);
        await rig.MoveDealAsync(1, "NEW");
        var scenario = await rig.ImportAsync(WithReEntry("always"));

        await EnterAgainAsync(rig, 1);
        await EnterAgainAsync(rig, 1);

        Assert.That(await rig.EnrollmentsAsync(scenario.ScenarioId), Has.Count.EqualTo(1), "the second entry came during the 1h wait");
    }

    [Test]
    public async Task LateMove_OlderThanMaxLateness_SkippedAndCountedNotMailed()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1, 2]);
        await rig.MoveDealsAsync([1, 2], "NEW", ScenarioRig.T0.AddDays(-3));
        var scenario = await rig.ImportAsync(WithReEntry("once"));
        // Found now, but one happened 7 hours ago (max_lateness 6h) and one 5 hours ago.
        await rig.MoveDealAsync(1, "EXECUTING", rig.Time.GetUtcNow().AddHours(-7));
        await rig.MoveDealAsync(2, "EXECUTING", rig.Time.GetUtcNow().AddHours(-5));

        await rig.TickAsync();
        await rig.TickAsync();

        var row = await rig.Scenarios.FindAsync(scenario.ScenarioId, TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(row!.SkippedLate, Is.EqualTo(1), "counted once, though read by two passes' cursor");
            Assert.That(rig.Queue.Created.Select(l => l.DealId), Is.EqualTo(new long?[] { 2 }));
        });
    }

    [Test]
    public async Task VersionEdit_WhileEnrolled_RunningEnrollmentFinishesOnItsVersionNewOnesUseTheNew()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1, 2]);
        await rig.MoveDealsAsync([1, 2], "NEW");
        var v1 = await rig.ImportAsync(WithReEntry("once"));
        await EnterAgainAsync(rig, 1);

        var v2 = await rig.ImportAsync(WithReEntry("once").Replace("send: proposal-reminder", "send: welcome", StringComparison.Ordinal));
        var same = await rig.ImportAsync(WithReEntry("once").Replace("send: proposal-reminder", "send: welcome", StringComparison.Ordinal));
        await EnterAgainAsync(rig, 2);
        rig.Time.Advance(TimeSpan.FromHours(1));
        await rig.TickAsync();

        var rows = await rig.EnrollmentsAsync(v1.ScenarioId);
        Assert.Multiple(() =>
        {
            Assert.That((v1.Version, v2.Version, v2.ScenarioId, same.NewVersion, same.Version), Is.EqualTo((1, 2, v1.ScenarioId, false, 2)));
            Assert.That(rows.Select(r => (r.Version, r.State)), Is.EqualTo(new[] { (1L, "completed"), (2L, "completed") }));
            Assert.That(rig.Queue.Created.Where(l => l.DealId == 1).Select(l => l.TemplateName), Is.EqualTo(new[] { "proposal", "proposal-reminder" }));
            Assert.That(rig.Queue.Created.Where(l => l.DealId == 2).Select(l => l.TemplateName), Is.EqualTo(new[] { "proposal", "welcome" }));
        });
    }

    [Test]
    public async Task PauseResume_NothingRunsOrEntersWhilePaused_ThenBoth()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1, 2]);
        await rig.MoveDealsAsync([1, 2], "NEW");
        var scenario = await rig.ImportAsync(WithReEntry("once"));
        await EnterAgainAsync(rig, 1);
        var ct = TestContext.CurrentContext.CancellationToken;

        Assert.That(await rig.Scenarios.SetStateAsync(scenario.ScenarioId, "active", "paused", ct), Is.True);
        await rig.MoveDealAsync(2, "EXECUTING");
        rig.Time.Advance(TimeSpan.FromHours(2));
        await rig.TickAsync();
        var whilePaused = rig.SentKeys().Count;
        var enrolledWhilePaused = (await rig.EnrollmentsAsync(scenario.ScenarioId)).Count;
        Assert.That(await rig.Scenarios.SetStateAsync(scenario.ScenarioId, "paused", "active", ct), Is.True);
        await rig.TickAsync();

        Assert.Multiple(async () =>
        {
            Assert.That((whilePaused, enrolledWhilePaused), Is.EqualTo((1, 1)));
            Assert.That(rig.Queue.Created.Select(l => (l.DealId, l.TemplateName)), Is.EquivalentTo(new[]
            {
                ((long?)1, "proposal"), (1, "proposal-reminder"), (2, "proposal"),
            }), "deal 1's wait ran out while paused; deal 2 moved 2h ago, within max_lateness");
            Assert.That((await rig.EnrollmentsAsync(scenario.ScenarioId)).Count, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Stop_ActiveEnrollmentsExit_NoOneEnters()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1, 2]);
        await rig.MoveDealsAsync([1, 2], "NEW");
        var scenario = await rig.ImportAsync(WithReEntry("once"));
        await EnterAgainAsync(rig, 1);

        var exited = await rig.Scenarios.StopAsync(scenario.ScenarioId, TestContext.CurrentContext.CancellationToken);
        await rig.MoveDealAsync(2, "EXECUTING");
        rig.Time.Advance(TimeSpan.FromHours(2));
        await rig.TickAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(exited, Is.EqualTo(1));
            Assert.That(rig.SentKeys(), Has.Count.EqualTo(1));
            Assert.That((await rig.EnrollmentsAsync(scenario.ScenarioId)).Select(r => (r.State, r.Reason)), Is.EqualTo(new[] { ("exited", (string?)"stopped") }));
        });
    }

    [Test]
    public async Task DryRun_TellsWhoWouldEnter_EntersNoOneSendsNothing()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1, 2, 3]);
        await rig.MoveDealsAsync([1, 2, 3], "NEW", ScenarioRig.T0.AddDays(-1));
        var scenario = await rig.ImportAsync(WithReEntry("once"));
        await rig.MoveDealsAsync([1, 2], "EXECUTING");
        await rig.MoveDealAsync(3, "EXECUTING", rig.Time.GetUtcNow().AddDays(-1));

        var triggers = (ScenarioTriggers)rig.Services.GetService(typeof(ScenarioTriggers))!;
        var first = await triggers.DryRunAsync(scenario.ScenarioId, TestContext.CurrentContext.CancellationToken);
        var second = await triggers.DryRunAsync(scenario.ScenarioId, TestContext.CurrentContext.CancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That((first!.Entered, first.SkippedLate), Is.EqualTo((2, 1)));
            Assert.That(first.Sample.Select(c => c.DealId), Is.EqualTo(new long?[] { 1, 2 }));
            Assert.That(second!.Entered, Is.EqualTo(2), "nothing was kept: the cursor did not move");
            Assert.That(await rig.EnrollmentsAsync(scenario.ScenarioId), Is.Empty);
            Assert.That(rig.Queue.Calls, Is.Empty);
            Assert.That((await rig.Scenarios.FindAsync(scenario.ScenarioId, TestContext.CurrentContext.CancellationToken))!.SkippedLate, Is.Zero);
        });
    }

    [Test]
    public async Task TenThousandDeals_EnterAStageAtOnce_TenThousandEnrollmentsAndEnqueues_NoDuplicatesOnASecondPass()
    {
        await using var rig = await ScenarioRig.StartAsync(new Dictionary<string, string?> { ["Scenarios:BatchSize"] = "2000" });
        var ids = Enumerable.Range(1, 10_000).Select(i => (long)i).ToList();
        await rig.AddContactsAsync(ids);
        await rig.MoveDealsAsync(ids, "NEW");
        var scenario = await rig.ImportAsync(WithReEntry("once"));
        await rig.MoveDealsAsync(ids, "EXECUTING");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await ((ScenarioTriggers)rig.Services.GetService(typeof(ScenarioTriggers))!).RunAsync(TestContext.CurrentContext.CancellationToken);
        var enrolled = clock.Elapsed;
        var first = await rig.TickAsync();
        await TestContext.Out.WriteLineAsync($"10,000 enrollments in {enrolled.TotalMilliseconds:F0} ms; their first steps dispatched in {(clock.Elapsed - enrolled).TotalMilliseconds:F0} ms");
        var calls = rig.Queue.Calls.Count;
        var second = await rig.TickAsync();
        await rig.MoveDealsAsync(ids, "NEW");
        await rig.MoveDealsAsync(ids, "EXECUTING");
        var third = await rig.TickAsync();

        await using var connection = await rig.Connections.OpenAsync(TestContext.CurrentContext.CancellationToken);
        var enrollments = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM scenario_enrollments WHERE scenario_id = @Id", new { Id = scenario.ScenarioId });
        Assert.Multiple(() =>
        {
            Assert.That(enrollments, Is.EqualTo(10_000));
            Assert.That((first.Claimed, first.Enqueued, first.Waiting, first.Failed), Is.EqualTo((10_000, 10_000, 10_000, 0)));
            Assert.That(rig.Queue.Created, Has.Count.EqualTo(10_000));
            Assert.That(rig.Queue.Created.Select(l => l.SendKey).Distinct().Count(), Is.EqualTo(10_000));
            Assert.That(calls, Is.EqualTo(10_000));
            Assert.That((second.Claimed, third.Claimed), Is.EqualTo((0, 0)), "nothing due again; once per deal");
            Assert.That(rig.Queue.Calls, Has.Count.EqualTo(10_000));
        });
    }
}
