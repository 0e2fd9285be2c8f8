using System.Globalization;
using Connector.Timeline;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connector.Tests.Timeline;

/// <summary>Bitrix24 faults during write-back lose and duplicate nothing: WireMock in front of the sandbox, or an answer lost after execution.</summary>
[TestFixture]
public sealed class TimelineFaultTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task RunAsync_OperatingLimit503QueryLimitAndExpiredToken_EveryEntryWrittenOnce()
    {
        using var proxy = WireMockServer.Start();
        await using var rig = await TimelineRig.StartAsync(
            portalUrl: webhook => new Uri(new Uri(proxy.Url!), webhook.AbsolutePath),
            beforeSync: sync => proxy.Given(Request.Create().WithPath(new WildcardMatcher("/*")).UsingAnyMethod()).AtPriority(10)
                .RespondWith(Response.Create().WithProxy(sync.Sandbox.WebhookUrl.GetLeftPart(UriPartial.Authority))));
        var reset = rig.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var limit = "{\"error\":\"OPERATION_TIME_LIMIT\",\"error_description\":\"Method is blocked due to operation time limit.\",\"time\":{\"operating_reset_at\":" + reset + "}}";
        Step(proxy, null, "429 again", 429, limit, "application/json");
        Step(proxy, "429 again", "html", 429, limit, "application/json");
        Step(proxy, "html", "qle", 503, "<html><body>503 Service Temporarily Unavailable</body></html>", "text/html");
        Step(proxy, "qle", "401", 503, """{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}""", "application/json");
        Step(proxy, "401", "through", 401, """{"error":"expired_token","error_description":"The access token provided has expired."}""", "application/json");

        var contacts = rig.Portal.Contacts.Take(3).Select(c => c.Id).ToList();
        var key = await rig.AddSendKeyAsync("Faults");
        foreach (var contact in contacts)
        {
            await rig.AddHitAsync(await rig.AddLedgerAsync(key, contact), contact, "open");
        }

        var passes = new List<TimelineRun>();
        for (var pass = 0; pass < 6; pass++)
        {
            passes.Add(await rig.RunAsync());
            rig.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        var entries = await rig.EntriesAsync();
        foreach (var pass in passes)
        {
            await TestContext.Out.WriteLineAsync($"pass: {pass.Dispatch}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(passes[0].Dispatch.Retried, Is.EqualTo(6), "429: refused before execution");
            Assert.That(passes[1].Dispatch.Retried, Is.EqualTo(6), "code-less 503 on a write: maybe executed");
            Assert.That(passes[2].Dispatch, Is.EqualTo(new TimelinePassSummary(0, 0, 0, 1, 0)), "look-up hit 503 QUERY_LIMIT_EXCEEDED (retried), then 401 expired_token: all stay pending");
            Assert.That(passes[3].Dispatch, Is.EqualTo(new TimelinePassSummary(6, 0, 0, 2, 0)), "look-up finds nothing, one batch writes all");
            Assert.That(entries.Select(e => e.Attempts), Is.All.EqualTo(3), "429, 503, written: the 401 counted no attempt");
            Assert.That(entries.All(e => e.Uncertain == 0), Is.True);
            Assert.That(entries.Select(e => e.State), Is.All.EqualTo(TimelineNames.Written));
            Assert.That(contacts.Select(c => rig.TimelineOf(3, c).Count), Is.All.EqualTo(2), "sent and opened, once each");
            Assert.That(rig.Portal.Timeline, Has.Count.EqualTo(6));
            Assert.That(entries.Select(e => e.CrmId).Distinct().Count(), Is.EqualTo(6));
            Assert.That(passes.Sum(p => p.Dispatch.Failed), Is.Zero);
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task RunAsync_AnswerLostAfterTheWrite_FoundByListingNotWrittenTwice()
    {
        LosingBitrix24Client? losing = null;
        await using var rig = await TimelineRig.StartAsync(decorate: inner => losing = new LosingBitrix24Client(inner, "crm.timeline.comment.add", 1));
        var contact = rig.Portal.Contacts[1].Id;
        var deal = rig.Portal.Deals[1].Id;
        var key = await rig.AddSendKeyAsync("Lost", deal);
        var ledger = await rig.AddLedgerAsync(key, contact);
        await rig.AddHitAsync(ledger, contact, "click", "https://shop.example/x");

        var first = await rig.RunAsync();
        var afterFirst = await rig.EntriesAsync();
        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await rig.RunAsync();
        var entries = await rig.EntriesAsync();
        var comments = rig.Portal.Timeline;

        Assert.Multiple(() =>
        {
            Assert.That(losing!.Lost, Is.GreaterThanOrEqualTo(1));
            Assert.That(afterFirst.Select(e => (e.State, e.Uncertain)), Is.All.EqualTo((TimelineNames.Pending, 1L)));
            Assert.That(comments, Has.Count.EqualTo(4), "sent and clicked on contact and deal, written once by the lost call");
            Assert.That(entries.Select(e => e.State), Is.All.EqualTo(TimelineNames.Written));
            Assert.That(entries.Select(e => e.CrmId), Is.EquivalentTo(comments.Select(c => c.Id.ToString(CultureInfo.InvariantCulture))));
            Assert.That(second.Dispatch.Calls, Is.EqualTo(1), "one batch of comment.list found all four");
            Assert.That(first.Dispatch.Retried, Is.EqualTo(4));
        });
    }

    // The first step (no state) answers before the scenario started; each answer moves it to the next.
    private static void Step(WireMockServer proxy, string? state, string next, int status, string body, string type)
    {
        var mapping = proxy.Given(Request.Create().WithPath(new WildcardMatcher("*/batch")).UsingPost()).AtPriority(1).InScenario("faults");
        (state is null ? mapping : mapping.WhenStateIs(state)).WillSetStateTo(next)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", type).WithBody(body));
    }
}
