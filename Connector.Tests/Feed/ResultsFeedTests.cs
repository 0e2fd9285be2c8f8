using Connector.Feed;
using Connector.Store;
using Connector.Tests.Webhooks;
using Connector.Timeline;
using Connector.Webhooks;

namespace Connector.Tests.Feed;

/// <summary>
/// The one results feed over a migrated store with rows written as their writers write them (the webhook rig's
/// helpers): every fact kind typed with its message's portal, contact, deal and send key; a cursor that resumes exactly;
/// followers with cursors of their own; machine hits flagged, and left out by the timeline as before.
/// </summary>
[CancelAfter(60_000)]
public sealed class ResultsFeedTests
{
    [Test]
    public async Task ReadAsync_EachSource_EveryFactKindTypedWithItsMessage()
    {
        await using var rig = await WebhookRig.StartAsync();
        var ct = TestContext.CurrentContext.CancellationToken;
        var sent = await rig.LedgerAsync("a@example.org", 5, "sent");
        var refused = await rig.LedgerAsync("b@example.org", 6, "failed", 550);
        await rig.LedgerAsync("c@example.org", 7, "failed", 450);
        await rig.LedgerAsync("d@example.org", 8, "queued");
        await rig.HitAsync(sent, 5, "open", machine: true);
        await rig.HitAsync(sent, 5, "open");
        await rig.HitAsync(sent, 5, "click", "https://shop.example/a");
        await rig.HitAsync(sent, 5, "unsubscribe");
        foreach (var (kind, status) in new[] { ("hard", "5.1.1"), ("soft", "4.2.2"), ("policy", "5.7.1"), ("complaint", null) })
        {
            await rig.BounceAsync(sent, "a@example.org", kind, status);
        }

        var feed = new ResultsFeed(rig.Connections);
        var ledger = await feed.ReadAsync(ResultSource.Ledger, 0, 100, ct);
        var hits = await feed.ReadAsync(ResultSource.Hits, 0, 100, ct);
        var bounces = await feed.ReadAsync(ResultSource.Bounces, 0, 100, ct);

        Assert.Multiple(() =>
        {
            Assert.That(ledger.Facts.Select(f => (f.Kind, f.LedgerId, f.Status)),
                Is.EqualTo(new[] { (ResultKind.Sent, (long?)sent, (string?)null), (ResultKind.BouncedHard, refused, "550") }), "a 4xx refusal and a queued row are no result");
            Assert.That(ledger.Read, Has.Count.EqualTo(4), "every row read, facts or not");
            Assert.That(ledger.Unsettled, Has.Count.EqualTo(1), "the queued row, to be read again");
            Assert.That(hits.Facts.Select(f => (f.Kind, f.Machine, f.Url)), Is.EqualTo(new[]
            {
                (ResultKind.Opened, true, (string?)null), (ResultKind.Opened, false, null), (ResultKind.Clicked, false, "https://shop.example/a"), (ResultKind.Unsubscribed, false, null),
            }));
            Assert.That(bounces.Facts.Select(f => (f.Kind, f.Status)), Is.EqualTo(new[]
            {
                (ResultKind.BouncedHard, (string?)"5.1.1"), (ResultKind.BouncedSoft, "4.2.2"), (ResultKind.BouncedPolicy, "5.7.1"), (ResultKind.Complained, null),
            }));
            var click = hits.Facts[2];
            Assert.That((click.Source, click.LedgerId, click.PortalId, click.ContactId, click.DealId, click.SendKey, click.SendKeyName, click.Recipient, click.At),
                Is.EqualTo((ResultSource.Hits, (long?)sent, (long?)WebhookRig.PortalId, (long?)5, (long?)WebhookRig.DealId, WebhookRig.SendKey, "Winter", "a@example.org", rig.Clock.GetUtcNow())));
            Assert.That(bounces.Facts.Select(f => f.ContactId), Is.All.EqualTo(5), "a bounce's contact is its message's");
        });
    }

    [Test]
    public async Task ReadAsync_FromLastPosition_ResumesExactlyNoRowTwiceNoneMissed()
    {
        await using var rig = await WebhookRig.StartAsync();
        var ct = TestContext.CurrentContext.CancellationToken;
        var ledger = await rig.LedgerAsync("a@example.org", 5, "sent");
        var ids = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await rig.HitAsync(ledger, 5, "click", $"https://shop.example/{i}"));
        }

        var feed = new ResultsFeed(rig.Connections);
        var seen = new List<long>();
        var pages = 0;
        long cursor = 0;
        while ((await feed.ReadAsync(ResultSource.Hits, cursor, 3, ct)) is { Last: { } last } page)
        {
            seen.AddRange(page.Facts.Select(f => f.Id));
            cursor = last;
            pages++;
        }

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(ids));
            Assert.That(pages, Is.EqualTo(3));
            Assert.That(cursor, Is.EqualTo(ids[^1]));
        });
    }

    [Test]
    public async Task FollowAsync_Backlog_RestsThreeTimesWhatEachPageTook()
    {
        await using var rig = await WebhookRig.StartAsync();
        var ct = TestContext.CurrentContext.CancellationToken;
        var sent = await rig.LedgerAsync("a@example.org", 5, "sent");
        for (var i = 0; i < 5; i++)
        {
            await rig.HitAsync(sent, 5, "click", $"https://shop.example/{i}");
        }

        var follower = new ResultsFollower(new ResultsFeed(rig.Connections), new ResultsCursorStore(rig.Connections), rig.Clock);
        var hitPages = 0;
        var following = follower.FollowAsync("paced", 2, (facts, _) =>
        {
            if (facts.Count > 0 && facts[0].Source == ResultSource.Hits)
            {
                Interlocked.Increment(ref hitPages);
                rig.Clock.Advance(TimeSpan.FromMilliseconds(10)); // this page "took" 10 ms
            }

            return Task.FromResult<ResultsWrite>((_, _, _) => Task.FromResult(facts.Count));
        }, ct);

        async Task<int> PagesOnceSettledAsync()
        {
            var before = -1;
            while (before != Volatile.Read(ref hitPages))
            {
                before = Volatile.Read(ref hitPages);
                await Task.Delay(200, ct); // real time: let the follower reach its rest
            }

            return before;
        }

        var afterFirst = await PagesOnceSettledAsync();
        rig.Clock.Advance(TimeSpan.FromMilliseconds(29));
        var restingStill = await PagesOnceSettledAsync();
        rig.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var afterSecond = await PagesOnceSettledAsync();
        rig.Clock.Advance(TimeSpan.FromMilliseconds(30));
        var added = await following;

        Assert.Multiple(() =>
        {
            Assert.That((afterFirst, restingStill, afterSecond), Is.EqualTo((1, 1, 2)), "after a 10 ms page, 30 ms of rest before the next");
            Assert.That(hitPages, Is.EqualTo(3));
            Assert.That(added, Is.EqualTo(6), "the sent row and the five clicks, none lost to the rests");
        });
    }

    [Test]
    public async Task FollowAsync_TwoConsumers_EachTakesEveryFactOnceWithItsOwnCursor()
    {
        await using var rig = await WebhookRig.StartAsync();
        var ct = TestContext.CurrentContext.CancellationToken;
        var follower = new ResultsFollower(new ResultsFeed(rig.Connections), new ResultsCursorStore(rig.Connections), rig.Clock);
        var taken = new Dictionary<string, List<(ResultSource, long, ResultKind)>> { ["a"] = [], ["b"] = [] };
        Task<int> Follow(string consumer) => follower.FollowAsync(consumer, 2, (facts, _) =>
        {
            taken[consumer].AddRange(facts.Select(f => (f.Source, f.Id, f.Kind)));
            return Task.FromResult<ResultsWrite>((_, _, _) => Task.FromResult(facts.Count));
        }, ct);

        var queued = await rig.LedgerAsync("a@example.org", 5, "queued");
        var sent = await rig.LedgerAsync("b@example.org", 6, "sent");
        var open = await rig.HitAsync(sent, 6, "open");
        var first = await Follow("a");
        var nothingNew = await Follow("a");
        await rig.SetLedgerStateAsync(queued, "sent");
        var bounce = await rig.BounceAsync(queued, "a@example.org", "hard", "5.1.1");
        var settled = await Follow("a");
        var other = await Follow("b");

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(2));
            Assert.That(nothingNew, Is.Zero, "the cursor holds: nothing is taken twice");
            Assert.That(settled, Is.EqualTo(2), "the watched row's outcome once it settles, and the new bounce");
            Assert.That(taken["a"], Is.EqualTo(new[]
            {
                (ResultSource.Ledger, sent, ResultKind.Sent), (ResultSource.Hits, open, ResultKind.Opened),
                (ResultSource.Ledger, queued, ResultKind.Sent), (ResultSource.Bounces, bounce, ResultKind.BouncedHard),
            }));
            Assert.That(other, Is.EqualTo(4), "another consumer starts from the beginning");
            Assert.That(taken["b"], Is.EquivalentTo(taken["a"]));
        });
    }

    [Test]
    public async Task MachineHits_TimelineLeavesThemOutAsBefore_WebhooksAnnounceThemFlagged()
    {
        await using var rig = await WebhookRig.StartAsync();
        var ct = TestContext.CurrentContext.CancellationToken;
        var ledger = await rig.LedgerAsync("a@example.org", 5, "sent");
        await rig.HitAsync(ledger, 5, "open", machine: true);
        await rig.HitAsync(ledger, 5, "click", "https://shop.example/", machine: true);
        await rig.HitAsync(ledger, 5, "open");
        var hits = (await new ResultsFeed(rig.Connections).ReadAsync(ResultSource.Hits, 0, 10, ct)).Facts;

        Assert.Multiple(() =>
        {
            Assert.That(hits.Select(TimelineProducer.ToFact).Select(f => f?.Kind), Is.EqualTo(new TimelineKind?[] { null, null, TimelineKind.Opened }));
            Assert.That(hits.Select(WebhookPayload.From).Select(e => e?.Body.Contains("\"machine\":true", StringComparison.Ordinal)), Is.EqualTo(new bool?[] { true, true, false }));
        });
    }
}
