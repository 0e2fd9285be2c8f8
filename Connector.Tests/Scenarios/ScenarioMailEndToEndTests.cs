namespace Connector.Tests.Scenarios;

/// <summary>
/// The shipped proposal-follow-up through serve's real send queue, runner and tracking: the offer is captured by
/// Postfix's smtp-sink, its open pixel is fetched from the host's own /t/o route (or not), the fake clock moves two
/// days, and the reminder goes out only when the offer was not opened; a won deal ends it with no further mail.
/// </summary>
[CancelAfter(300_000)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ScenarioMailEndToEndTests
{
    [TestCase(true)]
    [TestCase(false)]
    public async Task ProposalFollowUp_OfferCapturedBySmtpSink_ReminderOnlyWhenThePixelWasNotFetched_NothingAfterWon(bool opened)
    {
        await using var rig = await ScenarioMailRig.StartAsync();
        await rig.MoveDealsAsync([1], "NEW");
        var scenario = await rig.ImportManifestAsync("proposal-follow-up.yaml");
        rig.Time.Advance(TimeSpan.FromMinutes(1));
        await rig.MoveDealsAsync([1], "PREPARATION");

        await rig.TickAsync();
        await rig.SettledAsync();
        var offer = (await rig.CapturedAsync(1)).Single();
        rig.Time.Advance(TimeSpan.FromMinutes(30));
        if (opened)
        {
            await rig.OpenAsync(offer);
        }

        var humanOpens = await rig.CountAsync("SELECT COUNT(*) FROM engagement_hits WHERE kind = 'open' AND machine = 0");
        rig.Time.Advance(TimeSpan.FromDays(2));
        await rig.TickAsync();
        await rig.SettledAsync();
        var afterWait = await rig.CapturedAsync(opened ? 1 : 2);

        await rig.MoveDealsAsync([1], "WON");
        rig.Time.Advance(TimeSpan.FromDays(3));
        await rig.TickAsync();
        await rig.SettledAsync();
        var atEnd = await rig.CapturedAsync(afterWait.Count + 1);
        var enrollment = (await rig.QueryAsync<(string State, string? Step)>(
            "SELECT state, step FROM scenario_enrollments WHERE scenario_id = @Id", new { Id = scenario.ScenarioId })).Single();
        var ledger = await rig.QueryAsync<string>("SELECT send_key || '=' || state FROM send_ledger ORDER BY id");

        Assert.Multiple(() =>
        {
            Assert.That(offer.To.Mailboxes.Single().Address, Is.EqualTo("c1@example.com"));
            Assert.That(humanOpens, Is.EqualTo(opened ? 1 : 0), "the pixel fetch is recorded as a person's open");
            Assert.That(afterWait, Has.Count.EqualTo(opened ? 1 : 2), opened ? "an opened offer gets no reminder" : "an unopened offer gets the reminder");
            if (!opened)
            {
                Assert.That(afterWait[1].Subject, Is.Not.EqualTo(offer.Subject), "the second message is the reminder");
            }

            Assert.That(atEnd, Has.Count.EqualTo(afterWait.Count), "nothing after the deal is won");
            Assert.That(enrollment.State, Is.Not.EqualTo("active"), "the enrollment has ended");
            Assert.That(ledger, Has.Count.EqualTo(opened ? 1 : 2));
            Assert.That(ledger, Has.All.EndsWith("=sent"));
            Assert.That(ledger[0], Does.StartWith("step:offer:enrollment:"));
        });
    }

    // The fake-queue version (ScenarioLifecycleTests) counts enqueue calls; this one counts rows in the real ledger.
    [Test]
    public async Task TenThousandDeals_EnterAtOnce_TenThousandEnrollments_OneLedgerRowEach_NoneAgainOnLaterPasses()
    {
        await using var rig = await ScenarioMailRig.StartAsync(new Dictionary<string, string?> { ["Sending:Runner:Enabled"] = "false", ["Scenarios:BatchSize"] = "2000" });
        var ids = Enumerable.Range(1, 10_000).Select(i => (long)i).ToList();
        await rig.MoveDealsAsync(ids, "NEW");
        var scenario = await rig.ImportManifestAsync("proposal-follow-up.yaml");
        rig.Time.Advance(TimeSpan.FromMinutes(1));
        await rig.MoveDealsAsync(ids, "PREPARATION");

        var first = await rig.TickAsync();
        var second = await rig.TickAsync();
        await rig.MoveDealsAsync(ids, "NEW");
        await rig.MoveDealsAsync(ids, "PREPARATION");
        var third = await rig.TickAsync();
        var enrollments = await rig.CountAsync("SELECT COUNT(*) FROM scenario_enrollments WHERE scenario_id = @Id", new { Id = scenario.ScenarioId });
        var rows = await rig.CountAsync("SELECT COUNT(*) FROM send_ledger");
        var keys = await rig.CountAsync("SELECT COUNT(DISTINCT send_key) FROM send_ledger WHERE send_key LIKE 'step:offer:enrollment:%'");
        var recipients = await rig.CountAsync("SELECT COUNT(DISTINCT recipient) FROM send_ledger");

        Assert.Multiple(() =>
        {
            Assert.That(enrollments, Is.EqualTo(10_000));
            Assert.That((first.Claimed, first.Enqueued), Is.EqualTo((10_000, 10_000)));
            Assert.That((rows, keys, recipients), Is.EqualTo((10_000L, 10_000L, 10_000L)), "one offer row per enrollment and recipient");
            Assert.That((second.Claimed, third.Claimed), Is.EqualTo((0, 0)), "re_entry once: nothing due again, nothing enqueued again");
        });
    }
}
