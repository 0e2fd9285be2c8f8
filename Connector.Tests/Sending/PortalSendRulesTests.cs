using System.Globalization;
using Connector.Sending.Composing;
using Connector.Sending.Ledger;
using Connector.Sending.Smtp;
using Dapper;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Sending;

/// <summary>
/// A portal's own throttles (portal_settings, set in the app's Settings) honoured by the reservation: its frequency cap
/// holds for its contacts only (the same contact id in another portal is another person), its quiet hours defer its
/// marketing rows in its zone while transactional mail and other portals' rows leave; and the composer leaves out the
/// pixel or the tracked links when a send context switches them off.
/// </summary>
[CancelAfter(120_000)]
public sealed class PortalSendRulesTests
{
    [Test]
    public async Task FrequencyCapOfOnePortal_SecondMessageWaits_TheSameContactIdOfAnotherPortalGetsIt(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T10:00:00Z", CultureInfo.InvariantCulture));
        using var run = new RunnerRig(time);
        await SeedAsync(run, """
            INSERT INTO portal_settings (portal_id, key, value, updated_at, updated_by) VALUES (1, 'Sending:FrequencyCap:PerDay', '1', '2026-11-22T09:00:00Z', 7);
            """);
        var folder = Path.Combine(Path.GetTempPath(), "pickup-" + Guid.NewGuid().ToString("N"));
        var runner = run.Runner(new PickupFolderTransport(folder), new SendRunnerOptions { Cap = FrequencyCap.None });
        await run.EnqueueAsync("campaign:a", MailKind.Campaign, [("anna@p1.example", 5)], cancellationToken);
        await run.EnqueueAsync("campaign:b", MailKind.Campaign, [("boris@p2.example", 5)], cancellationToken);
        var first = await runner.RunAsync(cancellationToken);
        time.Advance(TimeSpan.FromHours(2));
        await run.EnqueueAsync("step:1:enrollment:1", MailKind.Scenario, [("anna@p1.example", 5)], cancellationToken);
        await run.EnqueueAsync("step:1:enrollment:2", MailKind.Scenario, [("boris@p2.example", 5)], cancellationToken);
        var second = await runner.RunAsync(cancellationToken);
        var capped = (await run.RowsAsync("step:1:enrollment:1", cancellationToken)).Single();
        var other = (await run.RowsAsync("step:1:enrollment:2", cancellationToken)).Single();

        Assert.Multiple(() =>
        {
            Assert.That((first.Sent, second.Sent, second.Deferred), Is.EqualTo((2, 1, 1)));
            Assert.That((capped.State, capped.Attempts), Is.EqualTo((LedgerState.Deferred, 0L)), "portal 1 caps at one a day: its contact waits");
            Assert.That(capped.Detail, Does.StartWith("frequency cap until"));
            Assert.That(other.State, Is.EqualTo(LedgerState.Sent), "portal 2 has no cap: its contact 5 (another person) gets the second message");
        });
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task QuietHoursOfOnePortal_ItsScenarioRowWaitsUntilTheirEndInItsZone_TransactionalAndOtherPortalsLeave(CancellationToken cancellationToken)
    {
        // 19:30 UTC is 22:30 in Moscow: inside 21:00–09:00, which ends at 06:00 UTC the next day.
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T19:30:00Z", CultureInfo.InvariantCulture));
        using var run = new RunnerRig(time);
        await SeedAsync(run, """
            INSERT INTO portal_settings (portal_id, key, value, updated_at, updated_by) VALUES
              (1, 'Sending:QuietHours:Start', '21:00', '2026-11-22T09:00:00Z', 7),
              (1, 'Sending:QuietHours:End', '09:00', '2026-11-22T09:00:00Z', 7),
              (1, 'Sending:QuietHours:TimeZone', 'Europe/Moscow', '2026-11-22T09:00:00Z', 7);
            """);
        var folder = Path.Combine(Path.GetTempPath(), "pickup-" + Guid.NewGuid().ToString("N"));
        var runner = run.Runner(new PickupFolderTransport(folder));
        await run.EnqueueAsync("step:1:enrollment:1", MailKind.Scenario, [("anna@p1.example", 5)], cancellationToken);
        await run.EnqueueAsync("tx:1", MailKind.Transactional, [("anna@p1.example", 5)], cancellationToken);
        await run.EnqueueAsync("step:1:enrollment:2", MailKind.Scenario, [("boris@p2.example", 5)], cancellationToken);
        var evening = await runner.RunAsync(cancellationToken);
        var quiet = (await run.RowsAsync("step:1:enrollment:1", cancellationToken)).Single();
        time.Advance(TimeSpan.FromHours(10) + TimeSpan.FromMinutes(31));
        var morning = await runner.RunAsync(cancellationToken);
        var after = (await run.RowsAsync("step:1:enrollment:1", cancellationToken)).Single();

        Assert.Multiple(() =>
        {
            Assert.That((evening.Sent, evening.Deferred), Is.EqualTo((2, 1)), "the transactional letter and portal 2's scenario letter leave");
            Assert.That((quiet.State, quiet.Attempts), Is.EqualTo((LedgerState.Deferred, 0L)));
            Assert.That(quiet.Detail, Does.Contain("quiet hours 21:00–09:00 (Europe/Moscow) until 2026-11-23T06:00:00"));
            Assert.That(morning.Sent, Is.EqualTo(1));
            Assert.That(after.State, Is.EqualTo(LedgerState.Sent));
        });
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task ConfiguredQuietHours_APortalSwitchesThemOff_ItsRowsLeave(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T23:00:00Z", CultureInfo.InvariantCulture));
        using var run = new RunnerRig(time);
        await SeedAsync(run, """
            INSERT INTO portal_settings (portal_id, key, value, updated_at, updated_by) VALUES
              (2, 'Sending:QuietHours:Start', '', '2026-11-22T09:00:00Z', 7), (2, 'Sending:QuietHours:End', '', '2026-11-22T09:00:00Z', 7);
            """);
        var folder = Path.Combine(Path.GetTempPath(), "pickup-" + Guid.NewGuid().ToString("N"));
        var runner = run.Runner(new PickupFolderTransport(folder), new SendRunnerOptions { Quiet = QuietHours.From("22:00", "07:00") });
        await run.EnqueueAsync("step:1:enrollment:1", MailKind.Scenario, [("anna@p1.example", 5)], cancellationToken);
        await run.EnqueueAsync("step:1:enrollment:2", MailKind.Scenario, [("boris@p2.example", 5)], cancellationToken);
        var summary = await runner.RunAsync(cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That((summary.Sent, summary.Deferred), Is.EqualTo((1, 1)));
            Assert.That((await run.RowsAsync("step:1:enrollment:1", cancellationToken)).Single().Detail, Does.Contain("quiet hours 22:00–07:00 (UTC) until 2026-11-23T07:00:00"),
                "the configured window, in Scenarios:DefaultTimeZone (UTC) as portal 1 names no zone");
            Assert.That((await run.RowsAsync("step:1:enrollment:2", cancellationToken)).Single().State, Is.EqualTo(LedgerState.Sent), "portal 2 switched them off");
        });
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public void Compose_OpenTrackingOff_NoPixel_ClickTrackingOff_LinksAsWritten()
    {
        using var rig = new SendingRig();
        var both = Html(rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign));
        var noPixel = Html(rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign with { TrackOpens = false }));
        var noClicks = rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign with { TrackClicks = false }).Message!.Message;

        Assert.Multiple(() =>
        {
            Assert.That(both, Does.Contain("/t/o/").And.Contain("/t/c/"));
            Assert.That(noPixel, Does.Not.Contain("/t/o/"), "no open pixel");
            Assert.That(noPixel, Does.Contain("/t/c/"), "links still tracked");
            Assert.That(noClicks.HtmlBody, Does.Not.Contain("/t/c/").And.Contain("https://shop.example.com/catalog/november?utm_source=email").And.Contain("/t/o/"));
            Assert.That(noClicks.TextBody, Does.Not.Contain("/t/c/"));
        });
    }

    private static string Html(ComposeResult result) => result.Message!.Message.HtmlBody ?? "";

    private static async Task SeedAsync(RunnerRig run, string settings)
    {
        await using var connection = await run.Ledger.Connections.OpenAsync(TestContext.CurrentContext.CancellationToken);
        await connection.ExecuteAsync("""
            INSERT INTO portals (id, portal_key, domain, auth_mode, created_at, updated_at) VALUES
              (1, 'p1', 'p1.bitrix24.test', 'webhook', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
              (2, 'p2', 'p2.bitrix24.test', 'webhook', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
            INSERT INTO send_keys (send_key, portal_id, name, kind, created_at) VALUES
              ('campaign:a', 1, 'a', 'Campaign', '2026-01-01T00:00:00Z'), ('campaign:b', 2, 'b', 'Campaign', '2026-01-01T00:00:00Z'),
              ('step:1:enrollment:1', 1, 'welcome', 'Scenario', '2026-01-01T00:00:00Z'), ('step:1:enrollment:2', 2, 'welcome', 'Scenario', '2026-01-01T00:00:00Z'),
              ('tx:1', 1, 'receipt', 'Transactional', '2026-01-01T00:00:00Z');
            """ + settings);
    }
}
