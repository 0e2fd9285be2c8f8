using Connector.Rfm;
using Connector.Segments;
using Connector.Sync;
using Connector.Tests.Scenarios;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Rfm;

/// <summary>
/// The refresh over a real store: scores by rank inside the portal, the named segment, the moves it records, and the
/// figures the segment language and the scenario trigger read; another portal's deals never count.
/// </summary>
[CancelAfter(120_000)]
public sealed class RfmRefresherTests
{
    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [Test]
    public async Task Refresh_FiveContacts_ScoresByRankSegmentsAndMonetaryInTheMainCurrency()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1, 2, 3, 4, 5, 6]);
        var now = rig.Time.GetUtcNow();
        // Contact 1: five recent wins (champion). Contact 5: one win long ago (hibernating). Contact 6: an open deal only.
        for (var i = 0; i < 5; i++)
        {
            await WonAsync(rig, 100 + i, 1, now.AddDays(-1 - i), 1000);
        }

        await WonAsync(rig, 200, 2, now.AddDays(-10), 500);
        await WonAsync(rig, 201, 2, now.AddDays(-20), 500);
        await WonAsync(rig, 300, 3, now.AddDays(-5), 300, currency: "USD");
        await WonAsync(rig, 400, 4, now.AddDays(-200), 100);
        await WonAsync(rig, 401, 4, now.AddDays(-210), 100);
        await WonAsync(rig, 402, 4, now.AddDays(-220), 100);
        await WonAsync(rig, 500, 5, now.AddDays(-400), 50);
        await rig.Mirror.UpsertDealsAsync(rig.Portal, [Deal(600, 6, now, 700, stage: "EXECUTING", semantic: "P")], null, recordNewDeals: false, "poll", Token);

        var result = await rig.Services.GetRequiredService<RfmRefresher>().RefreshAsync(rig.Portal, Token);
        var scores = await ScoresAsync(rig);

        Assert.Multiple(() =>
        {
            Assert.That(result.Contacts, Is.EqualTo(5));
            Assert.That(result.Currency, Is.EqualTo("RUB"), "eleven of twelve won deals are in roubles");
            Assert.That(result.Moves, Is.EqualTo(5), "each contact scored for the first time");
            Assert.That(scores.Keys, Is.EqualTo(new long[] { 1, 2, 3, 4, 5 }), "contact 6 has no won deal");
            Assert.That(scores[1], Is.EqualTo((5L, 5L, 5L, 1L, 5000.0, "champions")));
            Assert.That(scores[2], Is.EqualTo((3L, 3L, 4L, 10L, 1000.0, "need_attention")));
            Assert.That(scores[3], Is.EqualTo((4L, 2L, 1L, 5L, 0.0, "potential_loyalists")), "its deal is in dollars: no monetary value in roubles; F tied with contact 5 at the 20 % mark");
            Assert.That(scores[4], Is.EqualTo((2L, 4L, 3L, 200L, 300.0, "at_risk")));
            Assert.That(scores[5], Is.EqualTo((1L, 2L, 2L, 400L, 50.0, "hibernating")));
        });
    }

    [Test]
    public async Task Refresh_Again_SegmentKeptKeepsItsSince_MovedAndGoneRecorded()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1, 2]);
        var start = rig.Time.GetUtcNow();
        await WonAsync(rig, 10, 1, start.AddDays(-1), 100);
        await WonAsync(rig, 20, 2, start.AddDays(-300), 100);
        var refresher = rig.Services.GetRequiredService<RfmRefresher>();
        await refresher.RefreshAsync(rig.Portal, Token);
        var first = await SinceAsync(rig);

        rig.Time.Advance(TimeSpan.FromDays(1));
        var unchanged = await refresher.RefreshAsync(rig.Portal, Token);
        var kept = await SinceAsync(rig);
        // Contact 2 wins twice now and overtakes contact 1; then contact 1's only deal is deleted.
        await WonAsync(rig, 21, 2, rig.Time.GetUtcNow(), 100);
        await WonAsync(rig, 22, 2, rig.Time.GetUtcNow(), 100);
        await rig.Mirror.UpsertDealsAsync(rig.Portal, [Deal(10, 1, start.AddDays(-1), 100, stage: "LOSE", semantic: "F")], null, recordNewDeals: false, "poll", Token);
        rig.Time.Advance(TimeSpan.FromDays(1));
        var changed = await refresher.RefreshAsync(rig.Portal, Token);
        await using var connection = await rig.Connections.OpenAsync(Token);
        var moves = (await connection.QueryAsync<(long, string?, string?)>("SELECT contact_id, from_segment, to_segment FROM rfm_moves ORDER BY id")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(unchanged.Moves, Is.Zero);
            Assert.That(kept, Is.EqualTo(first), "same segment, same since");
            Assert.That(changed.Contacts, Is.EqualTo(1));
            Assert.That(moves, Is.EqualTo(new (long, string?, string?)[]
            {
                (1, null, "potential_loyalists"), (2, null, "at_risk"),   // R 5 and 2; F tied: 3 each
                (2, "at_risk", "need_attention"), (1, "potential_loyalists", null),   // alone: 3 and 3
            }));
        });
    }

    [Test]
    public async Task SegmentLanguage_RfmFields_SelectScoredContacts_UnknownSegmentNamesTheValues()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1, 2, 3]);
        var now = rig.Time.GetUtcNow();
        for (var i = 0; i < 3; i++)
        {
            await WonAsync(rig, 10 + i, 1, now.AddDays(-1 - i), 100);
        }

        await WonAsync(rig, 20, 2, now.AddDays(-300), 100);
        await rig.Services.GetRequiredService<RfmRefresher>().RefreshAsync(rig.Portal, Token);
        var evaluator = rig.Services.GetRequiredService<SegmentEvaluator>();
        var queries = rig.Services.GetRequiredService<SegmentQueries>();

        async Task<List<long>> Ids(string expression)
        {
            var prepared = await evaluator.PrepareAsync(expression, Token);
            Assert.That(prepared.Error, Is.Null, expression);
            var ids = new List<long>();
            await foreach (var id in queries.ContactIdsAsync(rig.Portal, prepared.Sql!, Token))
            {
                ids.Add(id);
            }

            return ids;
        }

        var wrong = await evaluator.PrepareAsync("rfm.segment = \"at risk\"", Token);
        Assert.Multiple(async () =>
        {
            Assert.That(await Ids("rfm.segment = \"champions\" or rfm.segment = \"loyal\""), Is.EqualTo(new long[] { 1 }));
            Assert.That(await Ids("rfm.r <= 2 and rfm.frequency = 1"), Is.EqualTo(new long[] { 2 }));
            Assert.That(await Ids("rfm.segment is empty"), Is.EqualTo(new long[] { 3 }));
            Assert.That(await Ids("rfm.monetary >= 300 and rfm.recency_days < 5"), Is.EqualTo(new long[] { 1 }));
            Assert.That(wrong.Error?.Message, Does.StartWith("rfm.segment is one of \"champions\", \"loyal\""));
            Assert.That(wrong.Error?.Message, Does.Contain("\"at_risk\""));
        });
    }

    [Test]
    public async Task Overview_GridCohortsAndSegments_OnlyThisPortal()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1, 2, 3]);
        var now = rig.Time.GetUtcNow();   // 2026-12-01
        await WonAsync(rig, 10, 1, new DateTimeOffset(2026, 9, 3, 10, 0, 0, TimeSpan.Zero), 100);
        await WonAsync(rig, 11, 1, new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero), 100);
        await WonAsync(rig, 20, 2, new DateTimeOffset(2026, 9, 20, 10, 0, 0, TimeSpan.Zero), 100);
        await WonAsync(rig, 30, 3, new DateTimeOffset(2026, 10, 1, 10, 0, 0, TimeSpan.Zero), 100);
        var other = await rig.Mirror.EnsurePortalAsync("other", "other.example", "webhook", Token);
        await rig.Mirror.UpsertContactsAsync(other, [new ContactWrite(new CrmContact { Id = 1, Name = "Other" }, [])], null, Token);
        await rig.Mirror.UpsertDealsAsync(other, [Deal(10, 1, now.AddDays(-1), 999)], null, recordNewDeals: false, "poll", Token);
        await rig.Services.GetRequiredService<RfmRefresher>().RefreshAsync(rig.Portal, Token);

        var overview = await rig.Services.GetRequiredService<RfmQueries>().OverviewAsync(rig.Portal, Token);
        var otherOverview = await rig.Services.GetRequiredService<RfmQueries>().OverviewAsync(other, Token);

        Assert.Multiple(() =>
        {
            Assert.That(overview.Contacts, Is.EqualTo(3));
            Assert.That(overview.Cells, Has.Count.EqualTo(25));
            Assert.That(overview.Cells.Sum(c => c.Contacts), Is.EqualTo(3));
            Assert.That(overview.Cells.Sum(c => c.Monetary), Is.EqualTo(400));
            Assert.That(overview.Segments.Select(s => s.Segment), Is.EqualTo(RfmSegments.All));
            Assert.That(overview.Cohorts.Select(c => (c.Month, c.Size)), Is.EqualTo(new[] { ("2026-09", 2L), ("2026-10", 1L) }));
            Assert.That(overview.Cohorts[0].Active.Take(3), Is.EqualTo(new long[] { 2, 0, 1 }), "contact 1 won again two months on");
            Assert.That(overview.Cohorts[0].Active, Has.Count.EqualTo(RfmQueries.CohortMonths));
            Assert.That(otherOverview.ComputedAt, Is.Null, "never refreshed");
            Assert.That(otherOverview.Contacts, Is.Zero);
            Assert.That(otherOverview.Cohorts.Select(c => c.Size), Is.EqualTo(new long[] { 1 }), "cohorts read the mirror directly");
        });
    }

    private static CrmDeal Deal(long id, long contact, DateTimeOffset wonAt, decimal amount, string currency = "RUB", string stage = "WON", string semantic = "S") => new()
    {
        Id = id, Title = $"Deal {id}", StageId = stage, CategoryId = 0, ContactIds = [contact], StageSemantic = semantic, Amount = amount, Currency = currency,
        CreatedAt = wonAt.AddDays(-30), ModifiedAt = wonAt, MovedAt = wonAt,
    };

    private static Task<int> WonAsync(ScenarioRig rig, long deal, long contact, DateTimeOffset wonAt, decimal amount, string currency = "RUB") =>
        rig.Mirror.UpsertDealsAsync(rig.Portal, [Deal(deal, contact, wonAt, amount, currency)], null, recordNewDeals: false, "poll", Token);

    private static async Task<Dictionary<long, (long R, long F, long M, long Days, double Monetary, string Segment)>> ScoresAsync(ScenarioRig rig)
    {
        await using var connection = await rig.Connections.OpenAsync(Token);
        return (await connection.QueryAsync<(long Contact, long R, long F, long M, long Days, double Monetary, string Segment)>(
                "SELECT contact_id, r, f, m, recency_days, monetary, segment FROM rfm_scores ORDER BY contact_id"))
            .ToDictionary(s => s.Contact, s => (s.R, s.F, s.M, s.Days, s.Monetary, s.Segment));
    }

    private static async Task<List<(long, string)>> SinceAsync(ScenarioRig rig)
    {
        await using var connection = await rig.Connections.OpenAsync(Token);
        return (await connection.QueryAsync<(long, string)>("SELECT contact_id, since FROM rfm_scores ORDER BY contact_id")).ToList();
    }
}
