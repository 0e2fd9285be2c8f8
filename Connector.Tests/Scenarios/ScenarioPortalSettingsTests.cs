using System.Globalization;
using Connector.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Scenarios;

/// <summary>
/// A portal's own settings (Settings → Throttles and privacy) through serve's real queue, runner and smtp-sink: its
/// quiet hours defer a scenario send (deferred, no attempt spent) until they end, and with its open pixel switched off
/// the letter then leaves without one (its links still tracked).
/// </summary>
[CancelAfter(300_000)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ScenarioPortalSettingsTests
{
    private const string OneSend = """
        name: one-send
        trigger: { type: deal_entered_stage, pipeline: 0, stage: PREPARATION }
        steps:
          - id: offer
            send: { template: proposal, kind: marketing }
        """;

    [Test]
    public async Task QuietHoursOfThePortal_DeferTheScenarioSend_ThenItLeavesWithoutAPixel()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        await using var rig = await ScenarioMailRig.StartAsync();
        var now = rig.Time.GetUtcNow();
        var (start, end) = (now.AddHours(-1).ToString("HH:mm", CultureInfo.InvariantCulture), now.AddHours(2).ToString("HH:mm", CultureInfo.InvariantCulture));
        await rig.CountAsync("""
            INSERT INTO portal_settings (portal_id, key, value, updated_at, updated_by) VALUES
              (@Portal, 'Sending:QuietHours:Start', @Start, @Now, 1), (@Portal, 'Sending:QuietHours:End', @End, @Now, 1),
              (@Portal, 'Sending:QuietHours:TimeZone', 'UTC', @Now, 1), (@Portal, 'Tracking:Opens', 'false', @Now, 1);
            SELECT 1;
            """, new { rig.Portal, Start = start, End = end, Now = now.ToString("O", CultureInfo.InvariantCulture) });
        await rig.MoveDealsAsync([1], "NEW");
        var (imported, errors) = await rig.Services.GetRequiredService<ScenarioImporter>().ImportAsync(OneSend, rig.Portal, ct);
        Assert.That(errors.Select(e => e.Format("one-send.yaml")), Is.Empty);
        rig.Time.Advance(TimeSpan.FromMinutes(1));
        await rig.MoveDealsAsync([1], "PREPARATION");
        for (var tick = 0; tick < 3; tick++)
        {
            await rig.TickAsync();
        }

        await WaitForAsync(rig, "SELECT COUNT(*) FROM send_ledger WHERE state = 'deferred' AND detail LIKE 'quiet hours%'", 1);
        var during = await rig.QueryAsync<(string State, long Attempts, string Detail)>("SELECT state, attempts, detail FROM send_ledger");
        var sentDuring = Directory.GetFiles(rig.Sink.Folder, "m.*").Length;

        rig.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(5));
        await WaitForAsync(rig, "SELECT COUNT(*) FROM send_ledger WHERE state = 'sent'", 1);
        var letter = (await rig.CapturedAsync(1)).Single();

        Assert.Multiple(() =>
        {
            Assert.That(imported!.ScenarioId, Is.GreaterThan(0));
            Assert.That(during, Has.Count.EqualTo(1));
            Assert.That((during[0].State, during[0].Attempts), Is.EqualTo(("deferred", 0L)), "quiet hours spend no attempt");
            Assert.That(during[0].Detail, Does.Contain($"quiet hours {start}–{end} (UTC)"));
            Assert.That(sentDuring, Is.Zero, "nothing left during quiet hours");
            Assert.That(letter.HtmlBody, Does.Not.Contain("/t/o/"), "the portal switched its open pixel off");
            Assert.That(letter.HtmlBody, Does.Contain("/t/c/"), "clicks are still tracked");
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
