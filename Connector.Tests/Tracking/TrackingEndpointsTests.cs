using System.Net;
using System.Net.Http.Headers;
using Connector.Sending.Tokens;

namespace Connector.Tests.Tracking;

/// <summary>
/// Send → the message smtp-sink captured → its pixel, links and List-Unsubscribe URL hit on the serving host → the
/// engagement rows, summaries and suppressions in the store (issue 9, items 1, 2 and the tracking bullets of item 10).
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[CancelAfter(120_000)]
public sealed class TrackingEndpointsTests
{
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    private const string Gmail = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";

    [Test]
    [CancelAfter(90_000)]
    public async Task SentMessage_PixelAndLinksFetched_HitsStoredWithSummariesAndMachineFlags(CancellationToken cancellationToken)
    {
        // No delivery window (these hits come a second after sending), and a wide burst window so that two quick clicks always count as one burst.
        await using var rig = await TrackingRig.StartAsync(new Dictionary<string, string?>
        {
            ["Tracking:MachineWindowSeconds"] = "0", ["Tracking:LinkBurstMilliseconds"] = "60000",
        }, cancellationToken);
        var message = (await rig.SendAsync("campaign:tracking-e2e", "anna@example.org"))[0];
        var links = TrackingRig.Links(message);
        using var http = rig.Client();
        http.DefaultRequestHeaders.UserAgent.ParseAdd(Chrome);

        using var pixel = await http.GetAsync(TrackingRig.Pixel(message), cancellationToken);
        var gif = await pixel.Content.ReadAsByteArrayAsync(cancellationToken);
        using var first = await http.GetAsync(links[0], cancellationToken);
        using var second = await http.GetAsync(links[1], cancellationToken);
        using var proxy = new HttpRequestMessage(HttpMethod.Get, TrackingRig.Pixel(message));
        proxy.Headers.TryAddWithoutValidation("User-Agent", Gmail);
        using var proxied = await http.SendAsync(proxy, cancellationToken);

        var ledger = (await rig.QueryAsync<LedgerIds>("SELECT id AS Id, contact_id AS ContactId FROM send_ledger")).Single();
        var hits = await rig.QueryAsync<HitRow>("""
            SELECT ledger_id AS LedgerId, contact_id AS ContactId, kind AS Kind, url AS Url, machine AS Machine, machine_reason AS MachineReason, agent_class AS AgentClass
            FROM engagement_hits ORDER BY id
            """);
        var summary = (await rig.QueryAsync<SummaryRow>("""
            SELECT opens AS Opens, human_opens AS HumanOpens, clicks AS Clicks, human_clicks AS HumanClicks, first_human_open_at AS FirstHumanOpenAt,
                   first_human_click_at AS FirstHumanClickAt FROM engagement_messages
            """)).Single();
        var perLink = await rig.QueryAsync<LinkRow>("SELECT url AS Url, clicks AS Clicks, human_clicks AS HumanClicks FROM engagement_links ORDER BY url");
        var target = (rig.Tokens.Read(TokenKind.Click, links[0].AbsolutePath[5..])!.Url, rig.Tokens.Read(TokenKind.Click, links[1].AbsolutePath[5..])!.Url);

        Assert.Multiple(() =>
        {
            Assert.That(links, Has.Count.GreaterThanOrEqualTo(2));
            Assert.That((pixel.StatusCode, pixel.Content.Headers.ContentType?.MediaType, pixel.Headers.CacheControl?.NoStore), Is.EqualTo((HttpStatusCode.OK, "image/gif", true)));
            Assert.That(gif[..6], Is.EqualTo("GIF89a"u8.ToArray()));
            Assert.That((first.StatusCode, first.Headers.Location?.AbsoluteUri), Is.EqualTo((HttpStatusCode.Redirect, target.Item1)));
            Assert.That((second.StatusCode, second.Headers.Location?.AbsoluteUri), Is.EqualTo((HttpStatusCode.Redirect, target.Item2)));
            Assert.That(proxied.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(hits, Is.EqualTo(new[]
            {
                new HitRow { LedgerId = ledger.Id, ContactId = ledger.ContactId, Kind = "open", Machine = 0, AgentClass = "browser" },
                new HitRow { LedgerId = ledger.Id, ContactId = ledger.ContactId, Kind = "click", Url = target.Item1, Machine = 0, AgentClass = "browser" },
                new HitRow { LedgerId = ledger.Id, ContactId = ledger.ContactId, Kind = "click", Url = target.Item2, Machine = 1, MachineReason = "link_burst", AgentClass = "browser" },
                new HitRow { LedgerId = ledger.Id, ContactId = ledger.ContactId, Kind = "open", Machine = 1, MachineReason = "image_proxy", AgentClass = "gmail_proxy" },
            }));
            Assert.That((summary.Opens, summary.HumanOpens, summary.Clicks, summary.HumanClicks), Is.EqualTo((2, 1, 2, 1)));
            Assert.That((summary.FirstHumanOpenAt, summary.FirstHumanClickAt), Is.Not.EqualTo(((string?)null, (string?)null)));
            Assert.That(perLink, Is.EquivalentTo(new[]
            {
                new LinkRow { Url = target.Item1!, Clicks = 1, HumanClicks = 1 }, new LinkRow { Url = target.Item2!, Clicks = 1, HumanClicks = 0 },
            }));
            Assert.That(rig.ErrorsWithExceptions, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task OneClick_UrlencodedAndMultipart_SuppressedNoRedirectNoCookieAndReplayChangesNothing(CancellationToken cancellationToken)
    {
        await using var rig = await TrackingRig.StartAsync(null, cancellationToken);
        var messages = await rig.SendAsync("campaign:tracking-oneclick", "a1@example.org", "a2@example.org");
        var urls = messages.ToDictionary(m => m.To.Mailboxes.Single().Address, TrackingRig.OneClick);
        using var http = rig.Client();
        http.DefaultRequestHeaders.UserAgent.ParseAdd(Chrome);

        // A link scanner prefetching the unsubscribe URL, and an open seconds after delivery.
        using var prefetch = await http.GetAsync(urls["a1@example.org"], cancellationToken);
        using var early = await http.GetAsync(TrackingRig.Pixel(messages[0]), cancellationToken);
        var afterGet = await rig.CountAsync("SELECT COUNT(*) FROM suppressions") + await rig.CountAsync("SELECT COUNT(*) FROM engagement_hits WHERE kind = 'unsubscribe'");

        var answers = new List<HttpResponseMessage>();
        (long, long, long) afterFirst = default;
        for (var round = 0; round < 2; round++)
        {
            answers.Add(await http.PostAsync(urls["a1@example.org"], new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }), cancellationToken));
            answers.Add(await http.PostAsync(urls["a2@example.org"], new MultipartFormDataContent { { new StringContent("One-Click"), "List-Unsubscribe" } }, cancellationToken));
            if (round == 0)
            {
                afterFirst = await SnapshotAsync(rig);
            }
        }

        var afterReplay = await SnapshotAsync(rig);
        var suppressions = await rig.QueryAsync<(string Address, string Reason)>("SELECT address, reason FROM suppressions ORDER BY address");
        var earlyHit = (await rig.QueryAsync<(long Machine, string Reason)>("SELECT machine, machine_reason FROM engagement_hits WHERE kind = 'open'")).Single();

        Assert.Multiple(() =>
        {
            Assert.That(prefetch.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(afterGet, Is.Zero, "a GET never unsubscribes");
            Assert.That(earlyHit, Is.EqualTo((1L, "soon_after_delivery")));
            foreach (var answer in answers)
            {
                Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(answer.Headers.Location, Is.Null);
                Assert.That(answer.Headers.Contains("Set-Cookie"), Is.False);
            }

            Assert.That(suppressions, Is.EqualTo(new[] { ("a1@example.org", "unsubscribed"), ("a2@example.org", "unsubscribed") }));
            Assert.That(afterFirst, Is.EqualTo((2L, 2L, 2L)));
            Assert.That(afterReplay, Is.EqualTo(afterFirst), "a replayed POST changes nothing more");
            Assert.That(rig.ErrorsWithExceptions, Is.Empty);
        });
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    private static async Task<(long Suppressions, long Hits, long Summaries)> SnapshotAsync(TrackingRig rig) => (
        await rig.CountAsync("SELECT COUNT(*) FROM suppressions"),
        await rig.CountAsync("SELECT COUNT(*) FROM engagement_hits WHERE kind = 'unsubscribe'"),
        await rig.CountAsync("SELECT COUNT(*) FROM engagement_messages WHERE unsubscribed_at IS NOT NULL"));

    [Test]
    [CancelAfter(90_000)]
    public async Task UnsubscribePage_ByAcceptLanguage_FormPostThisListOnlyStoresTheListNotASuppression(CancellationToken cancellationToken)
    {
        await using var rig = await TrackingRig.StartAsync(null, cancellationToken);
        var message = (await rig.SendAsync("campaign:tracking-list", "anna@example.org"))[0];
        var url = TrackingRig.OneClick(message);
        using var http = rig.Client();

        var pages = new Dictionary<string, (HttpStatusCode Status, string Body, string? Csp)>();
        foreach (var language in new[] { "en-GB,en;q=0.9", "ru-RU,ru;q=0.9,en;q=0.5", "de-DE" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.AcceptLanguage.ParseAdd(language);
            using var page = await http.SendAsync(request, cancellationToken);
            pages[language] = (page.StatusCode, await page.Content.ReadAsStringAsync(cancellationToken), page.Headers.TryGetValues("Content-Security-Policy", out var csp) ? csp.Single() : null);
        }

        using var post = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["scope"] = "list", ["reason"] = "<script>alert(1)</script> too many\r\nletters" }),
        };
        post.Headers.AcceptLanguage.ParseAdd("en");
        using var done = await http.SendAsync(post, cancellationToken);
        var doneBody = await done.Content.ReadAsStringAsync(cancellationToken);
        using var noScope = await http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "x" }), cancellationToken);
        var lists = await rig.QueryAsync<(string Address, string ListKey)>("SELECT address, list_key FROM list_unsubscribes");
        var hit = (await rig.QueryAsync<(string Scope, string Detail)>("SELECT scope, detail FROM engagement_hits WHERE kind = 'unsubscribe'")).Single();

        Assert.Multiple(() =>
        {
            Assert.That(pages["en-GB,en;q=0.9"].Body, Does.Contain("Only this mailing list").And.Contain("All marketing emails from us").And.Contain("<html lang=\"en\">"));
            Assert.That(pages["ru-RU,ru;q=0.9,en;q=0.5"].Body, Does.Contain("Только эта рассылка").And.Contain("<html lang=\"ru\">"));
            Assert.That(pages["de-DE"].Body, Does.Contain("<html lang=\"ru\">"), "neither asked for: Russian");
            Assert.That(pages.Values.Select(p => p.Status), Has.All.EqualTo(HttpStatusCode.OK));
            Assert.That(pages.Values.Select(p => p.Csp), Has.All.Contain("default-src 'none'"));
            Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(doneBody, Does.Contain("You will not receive emails from this mailing list any more.").And.Not.Contain("<script>"));
            Assert.That(noScope.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(lists, Is.EqualTo(new[] { ("anna@example.org", "november-sale") }));  // the list is the message's List-Id: the template, whatever the run
            Assert.That(hit, Is.EqualTo(("list", "<script>alert(1)</script> too many\nletters")), "stored as typed (escaped on output), control characters dropped");
        });
        Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM suppressions"), Is.Zero, "this list only is not a suppression");
    }

    private sealed record LedgerIds
    {
        public long Id { get; init; }

        public long ContactId { get; init; }
    }

    private sealed record HitRow
    {
        public long LedgerId { get; init; }

        public long ContactId { get; init; }

        public required string Kind { get; init; }

        public string? Url { get; init; }

        public long Machine { get; init; }

        public string? MachineReason { get; init; }

        public string? AgentClass { get; init; }
    }

    private sealed record SummaryRow
    {
        public long Opens { get; init; }

        public long HumanOpens { get; init; }

        public long Clicks { get; init; }

        public long HumanClicks { get; init; }

        public string? FirstHumanOpenAt { get; init; }

        public string? FirstHumanClickAt { get; init; }
    }

    private sealed record LinkRow
    {
        public required string Url { get; init; }

        public long Clicks { get; init; }

        public long HumanClicks { get; init; }
    }
}
