using Connector.Campaigns.Broadcasts;
using Connector.Sending.Ledger;
using Connector.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Campaigns.Broadcasts;

/// <summary>
/// Scheduled campaigns on the store, on a fake clock: validation whole, launch at --at, window and local time, expiry,
/// pause/resume/cancel on the ledger, relaunch idempotency, suppression and the frequency cap, send-time optimisation.
/// </summary>
[CancelAfter(120_000)]
public sealed class CampaignTests
{
    private static string At(int year, int month, int day, int hour) => UtcText.From(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.Zero));

    private static CampaignSpec All => new() { Template = CampaignRig.Template, Segment = "contact.name = \"Reader\"" };

    [Test]
    public async Task Create_EveryBadInput_ListedWithItsOption_NothingStored(CancellationToken cancellationToken)
    {
        await using var rig = await CampaignRig.StartAsync(cancellationToken);
        var spec = new CampaignSpec
        {
            Template = "missing", Segment = "name = ", At = "2026-12-03T09:00:00Z", Window = "9-18", ExpireAfter = "soon",
            Variants = ["a:subject=Hi", "b:colour=red", "!bad"], Mode = "ab", TestShare = 120, TestWait = "0m", WinnerBy = "likes",
        };

        var (draft, problems) = await rig.Services.GetRequiredService<CampaignValidator>().ValidateAsync(spec, 1, cancellationToken);

        var options = problems.Select(p => p.Option).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(draft, Is.Null);
            Assert.That(options, Is.SupersetOf(new[] { "--template", "--segment", "--at", "--window", "--expire-after", "--variant", "--test-share", "--test-wait", "--winner-by" }));
            Assert.That(problems.Single(p => p.Option == "--segment").Message, Does.StartWith("column "), "the segment error names its position");
            Assert.That(problems.Where(p => p.Option == "--variant").Select(p => p.Message), Has.Some.StartsWith("b: 'colour=red'").And.Some.StartsWith("'!bad'")
                .And.Some.Contains("two or more variants"), "b's unknown key, the bad name, and one valid variant is not a test");
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM campaigns"), Is.Zero);
        });
    }

    [Test]
    public async Task Create_ModeWithOneVariant_AndNoSegment_Refused(CancellationToken cancellationToken)
    {
        await using var rig = await CampaignRig.StartAsync(cancellationToken);
        var validator = rig.Services.GetRequiredService<CampaignValidator>();

        var (_, oneVariant) = await validator.ValidateAsync(All with { Variants = ["a:subject=Hi"], Mode = "bandit" }, 1, cancellationToken);
        var (_, noSegment) = await validator.ValidateAsync(All with { Segment = null }, 1, cancellationToken);
        var (_, unknownSaved) = await validator.ValidateAsync(All with { Segment = null, SegmentName = "nope" }, 1, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(oneVariant.Select(p => p.Option), Does.Contain("--variant"));
            Assert.That(noSegment.Select(p => p.Option), Does.Contain("--segment"));
            Assert.That(unknownSaved.Select(p => p.Option), Does.Contain("--segment-name"));
        });
    }

    [Test]
    public async Task SenderVariant_OnTheSendingDomainStoredWithTheLetter_OffItRefused(CancellationToken cancellationToken)
    {
        await using var rig = await CampaignRig.StartAsync(cancellationToken);
        await rig.SeedContactsAsync(1, 4);
        var validator = rig.Services.GetRequiredService<CampaignValidator>();

        var (_, offDomain) = await validator.ValidateAsync(All with { Variants = ["a:from=Anna <anna@example.com>", "b:from=promo@elsewhere.test"] }, 1, cancellationToken);
        await rig.CreateAsync(All with { Variants = ["a:from=Anna <anna@example.com>", "b:from=Shop <shop@example.com>;subject=Sale"], TestShare = 100 }, cancellationToken);
        await rig.Runner.RunDueAsync(cancellationToken);
        var letters = await rig.QueryAsync<(string From, string Name, string? Subject)>("SELECT from_address, from_name, subject FROM queued_letters GROUP BY from_address ORDER BY 1");

        Assert.Multiple(() =>
        {
            Assert.That(offDomain.Select(p => p.ToString()), Does.Contain("--variant: b: the sender promo@elsewhere.test is not on the sending domain (example.com)"));
            Assert.That(letters, Is.EqualTo(new[] { ("anna@example.com", "Anna", (string?)null), ("shop@example.com", "Shop", "Sale") }));
        });
    }

    [Test]
    public async Task Launch_AtItsTime_OnTheFakeClock_OneStoredLetterRowPerRecipient(CancellationToken cancellationToken)
    {
        await using var rig = await CampaignRig.StartAsync(cancellationToken);
        await rig.SeedContactsAsync(1, 20);
        await rig.SeedContactsAsync(100, 3, name: "Other");
        var id = await rig.CreateAsync(All with { At = "2026-12-04T03:00:00Z" }, cancellationToken);

        await rig.Runner.RunDueAsync(cancellationToken);
        var before = await rig.CountAsync("SELECT COUNT(*) FROM send_ledger");
        rig.Time.Advance(TimeSpan.FromHours(1));
        await rig.Runner.RunDueAsync(cancellationToken);
        await rig.Runner.RunDueAsync(cancellationToken);

        var campaign = await rig.Store.FindAsync(id, cancellationToken);
        Assert.Multiple(async () =>
        {
            Assert.That(before, Is.Zero, "not before --at");
            Assert.That((campaign!.State, campaign.Phase, campaign.Audience), Is.EqualTo((CampaignState.Running, CampaignState.PhaseDone, (long?)20)));
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM send_ledger WHERE send_key = @K AND stored_letter = 1 AND state = 'queued' AND kind = 'Campaign'", new { K = campaign.SendKey }), Is.EqualTo(20));
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM queued_letters"), Is.EqualTo(20));
        });
    }

    [Test]
    public async Task Relaunch_AfterACrashBetweenQueueAndRecord_NoDoubledLedgerRows(CancellationToken cancellationToken)
    {
        await using var rig = await CampaignRig.StartAsync(cancellationToken);
        await rig.SeedContactsAsync(1, 50);
        var id = await rig.CreateAsync(All, cancellationToken);
        await rig.Runner.RunDueAsync(cancellationToken);

        // As if the process died after the send queue's commit and before the campaign recorded the rows.
        await rig.ExecuteAsync("UPDATE campaign_recipients SET ledger_id = NULL; UPDATE campaigns SET phase = 'rest'");
        await rig.Runner.StepAsync(id, cancellationToken);
        await rig.Runner.StepAsync(id, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM send_ledger"), Is.EqualTo(50));
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM campaign_recipients WHERE ledger_id IS NOT NULL"), Is.EqualTo(50));
        });
    }

    [Test]
    public async Task Window_LocalTime_TwoZones_EachAtNineLocal(CancellationToken cancellationToken)
    {
        await using var rig = await CampaignRig.StartAsync(cancellationToken);
        await rig.SeedContactsAsync(1, 1, zone: "Asia/Tokyo");
        await rig.SeedContactsAsync(2, 1, zone: "America/New_York");
        var id = await rig.CreateAsync(All with { Window = "09:00-18:00", LocalTime = true, ExpireAfter = "6h" }, cancellationToken);

        await rig.Runner.RunDueAsync(cancellationToken);

        var rows = (await rig.QueryAsync<(long Contact, string Due, string Expires)>("SELECT contact_id, due_at, expires_at FROM send_ledger ORDER BY contact_id")).ToList();
        Assert.Multiple(() =>
        {
            // 02:00 UTC is 11:00 in Tokyo (inside the window: now) and 21:00 the day before in New York (next 09:00 EST = 14:00 UTC).
            Assert.That(rows[0], Is.EqualTo((1L, At(2026, 12, 4, 2), At(2026, 12, 4, 8))));
            Assert.That(rows[1], Is.EqualTo((2L, At(2026, 12, 4, 14), At(2026, 12, 4, 20))));
        });
        Assert.That(id, Is.Positive);
    }

    [Test]
    public async Task PortalZone_FromSync_PlacesTheWindowAndAnAtWithoutOffset(CancellationToken cancellationToken)
    {
        await using var rig = await CampaignRig.StartAsync(cancellationToken);
        await rig.ExecuteAsync("UPDATE portals SET time_zone = '+03:00' WHERE id = 1");
        await rig.SeedContactsAsync(1, 1);
        var windowed = await rig.CreateAsync(All with { Window = "09:00-18:00" }, cancellationToken);
        var scheduled = await rig.CreateAsync(All with { At = "2026-12-04T10:00" }, cancellationToken);

        await rig.Runner.RunDueAsync(cancellationToken);
        var due = await rig.QueryAsync<string>("SELECT due_at FROM send_ledger");
        var campaign = await rig.Store.FindAsync(scheduled, cancellationToken);

        Assert.Multiple(() =>
        {
            // 02:00 UTC is 05:00 at +03:00: the window opens at 09:00 there, 06:00 UTC; --at 10:00 there is 07:00 UTC.
            Assert.That(due, Is.EqualTo(new[] { At(2026, 12, 4, 6) }), "only the windowed campaign launched");
            Assert.That(campaign!.LaunchAt, Is.EqualTo(At(2026, 12, 4, 7)));
        });
        Assert.That(windowed, Is.Positive);
    }

    [Test]
    public async Task Expiry_RowNotSentByItsTime_SettledExpiredAtReservation(CancellationToken cancellationToken)
    {
        await using var rig = await CampaignRig.StartAsync(cancellationToken);
        await rig.SeedContactsAsync(1, 3);
        var id = await rig.CreateAsync(All with { ExpireAfter = "1h" }, cancellationToken);
        await rig.Runner.RunDueAsync(cancellationToken);

        rig.Time.Advance(TimeSpan.FromHours(2));
        var batch = await rig.Services.GetRequiredService<SendLedgerStore>().ReserveAsync(new ReservePolicy("t", TimeSpan.FromMinutes(5), 100) { QueuedOnly = true }, cancellationToken);
        var (outcomes, _) = await rig.Store.OutcomesAsync(id, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That((batch.Rows.Count, batch.Expired), Is.EqualTo((0, 3)));
            Assert.That(outcomes.GetValueOrDefault(LedgerState.Expired), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task PauseResumeCancel_HoldReleaseSettle_NoRunnerTakesHeldRows(CancellationToken cancellationToken)
    {
        await using var rig = await CampaignRig.StartAsync(cancellationToken);
        await rig.SeedContactsAsync(1, 10);
        var id = await rig.CreateAsync(All with { Window = "00:00-23:59" }, cancellationToken);
        await rig.Runner.RunDueAsync(cancellationToken);
        var ledger = rig.Services.GetRequiredService<SendLedgerStore>();
        var policy = new ReservePolicy("t", TimeSpan.FromMinutes(5), 100) { QueuedOnly = true };

        var paused = await rig.Runner.PauseAsync(id, cancellationToken);
        var whilePaused = await ledger.ReserveAsync(policy, cancellationToken);
        var resumed = await rig.Runner.ResumeAsync(id, cancellationToken);
        var held = await rig.CountAsync("SELECT COUNT(*) FROM send_ledger WHERE state = 'held'");
        var taken = await ledger.ReserveAsync(policy with { Limit = 4 }, cancellationToken);
        await rig.ExecuteAsync("UPDATE send_ledger SET owner = NULL, state = 'sent' WHERE owner IS NOT NULL");
        var cancelled = await rig.Runner.CancelAsync(id, cancellationToken);
        var (outcomes, _) = await rig.Store.OutcomesAsync(id, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(paused, Is.EqualTo((true, 10)));
            Assert.That(whilePaused.Rows, Is.Empty, "a paused campaign's rows are never reserved");
            Assert.That((resumed, held), Is.EqualTo(((true, 10), 0L)));
            Assert.That(taken.Rows, Has.Count.EqualTo(4));
            Assert.That(cancelled, Is.EqualTo((true, 6)));
            Assert.That((outcomes.GetValueOrDefault(LedgerState.Sent), outcomes.GetValueOrDefault(LedgerState.Cancelled)), Is.EqualTo((4L, 6L)));
            Assert.That((await rig.Store.FindAsync(id, cancellationToken))!.State, Is.EqualTo(CampaignState.Cancelled));
        });
    }

    [Test]
    public async Task Suppressed_Refused_FrequencyCap_HoldsTheCampaignRowBack(CancellationToken cancellationToken)
    {
        await using var rig = await CampaignRig.StartAsync(cancellationToken);
        await rig.SeedContactsAsync(1, 3);
        var ledger = rig.Services.GetRequiredService<SendLedgerStore>();
        await ledger.SuppressAsync("c1@example.org", "unsubscribed", "test", cancellationToken);
        // Contact 2 was sent another campaign an hour ago.
        await rig.ExecuteAsync("""
            INSERT INTO send_ledger (send_key, recipient, contact_id, state, due_at, next_attempt_at, created_at, updated_at, kind)
            VALUES ('campaign:earlier', 'c2@example.org', 2, 'sent', '2026-12-04T01:00:00Z', '2026-12-04T01:00:00Z', '2026-12-04T01:00:00Z', '2026-12-04T01:00:00Z', 'Campaign')
            """);
        var id = await rig.CreateAsync(All, cancellationToken);
        await rig.Runner.RunDueAsync(cancellationToken);

        var batch = await ledger.ReserveAsync(new ReservePolicy("t", TimeSpan.FromMinutes(5), 100) { QueuedOnly = true, Cap = new FrequencyCap(1, 0) }, cancellationToken);
        var (_, refused) = await rig.Store.OutcomesAsync(id, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(refused.GetValueOrDefault("suppressed"), Is.EqualTo(1));
            Assert.That(batch.Rows.Select(r => r.ContactId), Is.EqualTo(new[] { 3L }));
            Assert.That(batch.Capped, Is.EqualTo(1), "contact 2 is capped");
        });
    }

    [Test]
    public async Task SendTimeOptimised_NotBeforeAtTheHourTheyOpen_CampaignTimeWithoutHistory(CancellationToken cancellationToken)
    {
        await using var rig = await CampaignRig.StartAsync(cancellationToken);
        await rig.SeedContactsAsync(1, 2);
        // Contact 1 opened an earlier campaign three times at 14:xx UTC.
        await rig.ExecuteAsync("""
            INSERT INTO send_keys (send_key, portal_id, name, kind, created_at) VALUES ('campaign:old', 1, 'old', 'Campaign', '2026-11-01T00:00:00Z');
            INSERT INTO send_ledger (id, send_key, recipient, contact_id, state, due_at, next_attempt_at, created_at, updated_at)
            VALUES (900, 'campaign:old', 'c1@example.org', 1, 'sent', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z');
            INSERT INTO engagement_hits (ledger_id, contact_id, kind, at, machine) VALUES
              (900, 1, 'open', '2026-11-01T14:05:00Z', 0), (900, 1, 'open', '2026-11-02T14:30:00Z', 0), (900, 1, 'click', '2026-11-03T14:59:00Z', 0);
            """);
        await rig.CreateAsync(All with { SendTimeOptimised = true }, cancellationToken);

        await rig.Runner.RunDueAsync(cancellationToken);

        var due = await rig.QueryAsync<(long Contact, string Due)>("SELECT contact_id, due_at FROM send_ledger WHERE send_key LIKE 'scheduled-campaign:%' ORDER BY contact_id");
        Assert.That(due, Is.EqualTo(new[] { (1L, At(2026, 12, 4, 14)), (2L, At(2026, 12, 4, 2)) }));
    }

    [Test]
    public void Schedule_WindowAcrossMidnight_AndSkippedLocalTime()
    {
        var now = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
        var night = TimeWindow.Parse("22:00-06:00")!;
        Assert.Multiple(() =>
        {
            Assert.That(CampaignSchedule.NotBefore(now, now, night, TimeZoneInfo.Utc, null), Is.EqualTo(new DateTimeOffset(2026, 12, 4, 22, 0, 0, TimeSpan.Zero)));
            Assert.That(night.Contains(new TimeOnly(3, 0)), Is.True);
            Assert.That(TimeWindow.Parse("18:00-18:00"), Is.Null);
            Assert.That(CampaignSchedule.NotBefore(now, now, null, TimeZoneInfo.Utc, 9), Is.EqualTo(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero)));
        });
    }
}
