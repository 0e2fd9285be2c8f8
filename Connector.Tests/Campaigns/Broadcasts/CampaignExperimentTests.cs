using Connector.Campaigns.Broadcasts;
using Connector.Campaigns.Experiments;

namespace Connector.Tests.Campaigns.Broadcasts;

/// <summary>
/// A/B and bandit campaigns end to end on the ledger with synthetic human opens: the test decides (a known effect →
/// that winner, with its p-value; none → no winner and the rest split evenly), and the bandit's waves send more of the
/// better variant than a fixed even split would.
/// </summary>
[CancelAfter(180_000)]
public sealed class CampaignExperimentTests
{
    private static CampaignSpec Ab => new()
    {
        Template = CampaignRig.Template, Segment = "contact.name = \"Reader\"", Variants = ["a:subject=Hello {{ contact.name }}", "b:subject=Last chance, {{ contact.name }}"],
        Mode = "ab", TestShare = 50, TestWait = "4h",
    };

    // A deterministic "coin" per contact: contact c opens with probability p.
    private static bool Opens(long contact, double p) => (contact * 2654435761L % 1000) / 1000.0 < p;

    [Test]
    public async Task Ab_KnownEffect_TheBetterVariantWins_RestGetsIt(CancellationToken cancellationToken)
    {
        await using var rig = await CampaignRig.StartAsync(cancellationToken);
        await rig.SeedContactsAsync(1, 2000);
        var id = await rig.CreateAsync(Ab, cancellationToken);
        await rig.Runner.RunDueAsync(cancellationToken);
        var testRows = await rig.CountAsync("SELECT COUNT(*) FROM send_ledger");
        var subjects = await rig.QueryAsync<(string Variant, string Subject, long N)>("""
            SELECT r.variant, q.subject, COUNT(*) FROM campaign_recipients r JOIN queued_letters q ON q.ledger_id = r.ledger_id GROUP BY r.variant, q.subject ORDER BY 1
            """);
        await rig.DeliverAsync(id, (variant, contact) => Opens(contact, variant == "a" ? 0.30 : 0.15));

        await rig.Runner.RunDueAsync(cancellationToken);
        var early = (await rig.Store.FindAsync(id, cancellationToken))!;
        rig.Time.Advance(TimeSpan.FromHours(4));
        await rig.Runner.RunDueAsync(cancellationToken);
        await rig.Runner.RunDueAsync(cancellationToken);

        var campaign = (await rig.Store.FindAsync(id, cancellationToken))!;
        var verdict = System.Text.Json.JsonSerializer.Deserialize<WinnerVerdict>(campaign.Verdict!)!;
        var rest = await rig.QueryAsync<(string Variant, long N)>("SELECT variant, COUNT(*) FROM campaign_recipients WHERE position >= 1000 GROUP BY variant");
        Assert.Multiple(() =>
        {
            Assert.That(testRows, Is.EqualTo(1000), "the test share: 50 % of 2000");
            Assert.That(subjects, Is.EqualTo(new[] { ("a", "Hello {{ contact.name }}", 500L), ("b", "Last chance, {{ contact.name }}", 500L) }), "split evenly, each with its subject");
            Assert.That(early.Phase, Is.EqualTo(CampaignState.PhaseTest), "no decision before the wait");
            Assert.That(verdict.Winner, Is.EqualTo("a"));
            Assert.That(verdict.PValue, Is.LessThan(0.05));
            Assert.That(campaign.Winner, Is.EqualTo("a"));
            Assert.That(rest, Is.EqualTo(new[] { ("a", 1000L) }), "the rest gets the winner");
        });
    }

    [Test]
    public async Task Ab_NoEffect_NoWinner_RestSplitEvenly(CancellationToken cancellationToken)
    {
        await using var rig = await CampaignRig.StartAsync(cancellationToken);
        await rig.SeedContactsAsync(1, 2000);
        var id = await rig.CreateAsync(Ab, cancellationToken);
        await rig.Runner.RunDueAsync(cancellationToken);
        await rig.DeliverAsync(id, (_, contact) => Opens(contact, 0.20));

        rig.Time.Advance(TimeSpan.FromHours(4));
        await rig.Runner.RunDueAsync(cancellationToken);
        await rig.Runner.RunDueAsync(cancellationToken);

        var campaign = (await rig.Store.FindAsync(id, cancellationToken))!;
        var verdict = System.Text.Json.JsonSerializer.Deserialize<WinnerVerdict>(campaign.Verdict!)!;
        var rest = await rig.QueryAsync<(string Variant, long N)>("SELECT variant, COUNT(*) FROM campaign_recipients WHERE position >= 1000 GROUP BY variant ORDER BY 1");
        Assert.Multiple(() =>
        {
            Assert.That(verdict.Winner, Is.Null);
            Assert.That(verdict.PValue, Is.GreaterThan(0.05));
            Assert.That(campaign.Winner, Is.Empty, "decided: no winner");
            Assert.That(rest, Is.EqualTo(new[] { ("a", 500L), ("b", 500L) }));
        });
    }

    [Test]
    public async Task Bandit_Waves_SendMoreOfTheBetterVariantThanAnEvenSplit(CancellationToken cancellationToken)
    {
        await using var rig = await CampaignRig.StartAsync(cancellationToken);
        await rig.SeedContactsAsync(1, 2000);
        var id = await rig.CreateAsync(Ab with { Mode = "bandit", TestShare = null, TestWait = null, WaveShare = 10, WaveEvery = "1h" }, cancellationToken);

        var waves = new List<long>();
        for (var wave = 0; wave < 12; wave++)
        {
            await rig.Runner.RunDueAsync(cancellationToken);
            waves.Add(await rig.CountAsync("SELECT COUNT(*) FROM campaign_recipients WHERE variant = 'a' AND ledger_id IS NOT NULL"));
            await rig.DeliverAsync(id, (variant, contact) => Opens(contact, variant == "a" ? 0.35 : 0.10));
            rig.Time.Advance(TimeSpan.FromHours(1));
        }

        var sentA = await rig.CountAsync("SELECT COUNT(*) FROM campaign_recipients WHERE variant = 'a'");
        var sentB = await rig.CountAsync("SELECT COUNT(*) FROM campaign_recipients WHERE variant = 'b'");
        var lastWaveA = await rig.CountAsync("SELECT COUNT(*) FROM campaign_recipients WHERE variant = 'a' AND position >= 1800");
        TestContext.Out.WriteLine($"bandit: a {sentA}, b {sentB}; last wave a {lastWaveA} of 200; a so far per wave: {string.Join(", ", waves)}");
        Assert.Multiple(() =>
        {
            Assert.That(sentA + sentB, Is.EqualTo(2000));
            Assert.That(sentA, Is.GreaterThan(1000), "more than a fixed 50/50 split gives the better variant");
            Assert.That(lastWaveA, Is.GreaterThan(160), "the allocation has shifted toward a by the last wave");
        });
    }
}
