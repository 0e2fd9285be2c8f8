using Connector.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Scenarios;

/// <summary>
/// The delivery pipeline's frequency cap holds for scenarios whatever their steps say: three marketing sends in a row
/// with no wait, a cap of one a day, and the contact gets one message a day through serve's real queue, runner and
/// smtp-sink; the others wait (deferred, no attempt spent) and go out on the following days.
/// </summary>
[CancelAfter(300_000)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ScenarioFrequencyCapTests
{
    private const string Burst = """
        name: burst
        trigger: { type: deal_entered_stage, pipeline: 0, stage: PREPARATION }
        steps:
          - id: first
            send: { template: proposal, kind: marketing }
          - id: second
            send: { template: proposal-reminder, kind: marketing }
          - id: third
            send: { template: proposal, kind: marketing }
        """;

    [Test]
    public async Task ThreeSendsWithoutWaits_CapOfOneADay_OneMessageADay()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        await using var rig = await ScenarioMailRig.StartAsync(new Dictionary<string, string?> { ["Sending:FrequencyCap:PerDay"] = "1" });
        await rig.MoveDealsAsync([1], "NEW");
        var (imported, errors) = await rig.Services.GetRequiredService<ScenarioImporter>().ImportAsync(Burst, rig.Portal, ct);
        Assert.That(errors.Select(e => e.Format("burst.yaml")), Is.Empty);
        rig.Time.Advance(TimeSpan.FromMinutes(1));
        await rig.MoveDealsAsync([1], "PREPARATION");

        for (var tick = 0; tick < 4; tick++)
        {
            await rig.TickAsync();
        }

        var dayOne = await rig.CapturedAsync(1);
        await WaitForAsync(rig, "SELECT COUNT(*) FROM send_ledger WHERE state = 'deferred'", 2);
        var sentDayOne = await rig.CountAsync("SELECT COUNT(*) FROM send_ledger WHERE state = 'sent'");
        var enqueued = await rig.CountAsync("SELECT COUNT(*) FROM send_ledger WHERE send_key LIKE 'step:%'");

        rig.Time.Advance(TimeSpan.FromHours(25));
        await WaitForAsync(rig, "SELECT COUNT(*) FROM send_ledger WHERE state = 'sent'", 2);
        var dayTwo = await rig.CapturedAsync(2);
        rig.Time.Advance(TimeSpan.FromHours(25));
        await rig.SettledAsync();
        var dayThree = await rig.CapturedAsync(3);
        var attempts = await rig.QueryAsync<long>("SELECT attempts FROM send_ledger ORDER BY id");

        Assert.Multiple(() =>
        {
            Assert.That(imported!.ScenarioId, Is.GreaterThan(0));
            Assert.That(enqueued, Is.EqualTo(3), "every step handed its send to the queue");
            Assert.That(dayOne, Has.Count.EqualTo(1), "one message on the first day");
            Assert.That(sentDayOne, Is.EqualTo(1));
            Assert.That(dayTwo, Has.Count.EqualTo(2), "the second a day later");
            Assert.That(dayThree, Has.Count.EqualTo(3), "the third a day after that");
            Assert.That(attempts, Has.All.EqualTo(1), "waiting for the cap spends no attempt");
        });
    }

    private static async Task WaitForAsync(ScenarioMailRig rig, string sql, long expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await rig.CountAsync(sql) < expected)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"timed out waiting for {expected}: {sql}");
            await Task.Delay(100, TestContext.CurrentContext.CancellationToken);
        }
    }
}
