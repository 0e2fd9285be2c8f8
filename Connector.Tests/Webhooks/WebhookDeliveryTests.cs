using System.Text.Json.Nodes;
using Connector.Webhooks;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connector.Tests.Webhooks;

/// <summary>
/// Results → signed POSTs to a real HTTP peer (WireMock.Net on loopback): the signature checked by Python's hmac, one
/// delivery per (subscriber, event), retries keeping the webhook-id, the 24-hour disable on a fake clock, and the
/// private-address refusal at delivery time.
/// </summary>
[CancelAfter(60_000)]
public sealed class WebhookDeliveryTests
{
    private const string Verify = """
        import base64,hashlib,hmac,sys
        key=base64.b64decode(sys.argv[1][len('whsec_'):])
        msg=(sys.argv[2]+'.'+sys.argv[3]+'.').encode()+sys.stdin.buffer.read()
        expected='v1,'+base64.b64encode(hmac.new(key,msg,hashlib.sha256).digest()).decode()
        print('ok' if any(hmac.compare_digest(expected,s) for s in sys.argv[4].split(' ')) else 'bad '+expected)
        """;

    [Test]
    public async Task RunAsync_EveryKindOfResult_SignedEventsVerifyWithPythonHmac()
    {
        await using var rig = await WebhookRig.StartAsync();
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/hook").UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        await rig.AddSubscriberAsync($"{server.Url}/hook");
        var sent = await rig.LedgerAsync("ann@example.org", 11, "sent");
        var refused = await rig.LedgerAsync("bob@example.org", 12, "failed", replyCode: 550);
        await rig.HitAsync(sent, 11, "open", machine: true);
        await rig.HitAsync(sent, 11, "click", url: "https://shop.example/sale?a=1&b=2");
        await rig.HitAsync(sent, 11, "unsubscribe");
        await rig.BounceAsync(sent, "ann@example.org", "soft", "4.2.2");
        await rig.BounceAsync(sent, "ann@example.org", "complaint", null);

        var ct = TestContext.CurrentContext.CancellationToken;
        var produced = await rig.Producer.RunAsync(ct);
        var delivered = await rig.Dispatcher.RunAsync(ct);

        var requests = server.LogEntries.Select(e => e.RequestMessage!).ToList();
        var verdicts = new List<string>();
        foreach (var request in requests)
        {
            var (code, output) = await Connector.Tests.Sending.Peers.RunAsync("/usr/bin/python3",
                ["-c", Verify, WebhookRig.Secret, Header(request, "webhook-id"), Header(request, "webhook-timestamp"), Header(request, "webhook-signature")], request.Body);
            verdicts.Add($"{code} {output.Trim()}");
        }

        var bodies = requests.Select(r => JsonNode.Parse(r.Body!)!).ToDictionary(b => $"{b["type"]}:{b["data"]!["bounce_kind"]}");
        Assert.Multiple(() =>
        {
            Assert.That((produced, delivered), Is.EqualTo((7, 7)));
            Assert.That(verdicts, Is.All.EqualTo("0 ok"));
            Assert.That(requests.Select(r => Header(r, "webhook-id")), Is.Unique);
            Assert.That(requests.Select(r => Header(r, "webhook-timestamp")), Is.All.EqualTo(rig.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(bodies.Keys, Is.EquivalentTo(new[] { "sent:", "bounced:hard", "opened:", "clicked:", "unsubscribed:", "bounced:soft", "complained:" }));
            var open = bodies["opened:"]["data"]!;
            Assert.That((long)open["message_id"]!, Is.EqualTo(sent));
            Assert.That((string?)open["send_key"], Is.EqualTo(WebhookRig.SendKey));
            Assert.That((string?)open["recipient"], Is.EqualTo("ann@example.org"));
            Assert.That(((long)open["contact_id"]!, (long)open["deal_id"]!), Is.EqualTo((11L, WebhookRig.DealId)));
            Assert.That((bool)open["machine"]!, Is.True, "machine hits are announced and flagged, not dropped");
            Assert.That((bool)bodies["clicked:"]["data"]!["machine"]!, Is.False);
            Assert.That((string?)bodies["clicked:"]["data"]!["link"], Is.EqualTo("https://shop.example/sale?a=1&b=2"));
            Assert.That((string?)bodies["bounced:soft"]["data"]!["bounce_status"], Is.EqualTo("4.2.2"));
            Assert.That(((long)bodies["bounced:hard"]["data"]!["message_id"]!, (string?)bodies["bounced:hard"]["data"]!["bounce_status"]), Is.EqualTo((refused, "550")));
            Assert.That(requests.Select(r => Header(r, "Content-Type")), Is.All.StartsWith("application/json"));
        });
    }

    [Test]
    public async Task RunAsync_ReadTwiceAndTwoSubscribers_OneDeliveryPerSubscriberAndEvent_LedgerOutcomeLaterStillAnnounced()
    {
        await using var rig = await WebhookRig.StartAsync();
        var all = await rig.AddSubscriberAsync("http://127.0.0.1:9/all");
        var opens = await rig.AddSubscriberAsync("http://127.0.0.1:9/opens", "opened");
        var queued = await rig.LedgerAsync("ann@example.org", 11, "queued");
        await rig.HitAsync(queued, 11, "open");
        var ct = TestContext.CurrentContext.CancellationToken;

        var first = await rig.Producer.RunAsync(ct);
        var again = await rig.Producer.RunAsync(ct);
        await rig.SetLedgerStateAsync(queued, "sent");
        var afterOutcome = await rig.Producer.RunAsync(ct);
        var afterThat = await rig.Producer.RunAsync(ct);

        var deliveries = await rig.DeliveriesAsync();
        Assert.Multiple(() =>
        {
            Assert.That((first, again, afterOutcome, afterThat), Is.EqualTo((2, 0, 1, 0)));
            Assert.That(deliveries.Select(d => d.EventId), Is.EqualTo(new[] { "evt_hit_1", "evt_hit_1", $"evt_ledger_{queued}" }));
            Assert.That((all, opens), Is.EqualTo((1L, 2L)));
        });
    }

    [Test]
    public async Task RunAsync_SubscriberFailsTwiceThenAccepts_RetriedWithTheSameWebhookIdAndLogged()
    {
        await using var rig = await WebhookRig.StartAsync();
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/hook").UsingPost()).InScenario("flaky").WillSetStateTo("once")
            .RespondWith(Response.Create().WithStatusCode(500));
        server.Given(Request.Create().WithPath("/hook").UsingPost()).InScenario("flaky").WhenStateIs("once").WillSetStateTo("twice")
            .RespondWith(Response.Create().WithStatusCode(503));
        server.Given(Request.Create().WithPath("/hook").UsingPost()).InScenario("flaky").WhenStateIs("twice")
            .RespondWith(Response.Create().WithStatusCode(200));
        var id = await rig.AddSubscriberAsync($"{server.Url}/hook");
        await rig.LedgerAsync("ann@example.org", 11, "sent");
        var ct = TestContext.CurrentContext.CancellationToken;
        await rig.Producer.RunAsync(ct);

        var results = new List<int>();
        for (var pass = 0; pass < 3; pass++)
        {
            results.Add(await rig.Dispatcher.RunAsync(ct));
            var early = await rig.Dispatcher.RunAsync(ct); // not due yet: backoff
            results.Add(early);
            rig.Clock.Advance(TimeSpan.FromHours(1));
        }

        var requests = server.LogEntries.Select(e => e.RequestMessage!).ToList();
        var log = await rig.Store.AttemptsAsync(id, 100, ct);
        Assert.Multiple(() =>
        {
            Assert.That(results, Is.EqualTo(new[] { 0, 0, 0, 0, 1, 0 }));
            Assert.That(requests, Has.Count.EqualTo(3));
            Assert.That(requests.Select(r => Header(r, "webhook-id")).Distinct().Count(), Is.EqualTo(1));
            Assert.That(requests.Select(r => Header(r, "webhook-timestamp")), Is.Unique, "each attempt is signed at its own time");
            Assert.That(requests.Select(r => r.Body).Distinct().Count(), Is.EqualTo(1));
            Assert.That(log.Select(a => a.StatusCode), Is.EqualTo(new long?[] { 500, 503, 200 }));
            Assert.That(log.Select(a => a.State), Is.All.EqualTo("delivered"));
        });
        var subscriber = (await rig.Store.SubscribersAsync(ct)).Single();
        Assert.That((subscriber.State, subscriber.FailingSince), Is.EqualTo(("active", (string?)null)));
    }

    [Test]
    public async Task RunAsync_SubscriberFailingFor24Hours_DisabledAndSaysSo()
    {
        await using var rig = await WebhookRig.StartAsync();
        using var server = WireMockServer.Start();
        var ct = TestContext.CurrentContext.CancellationToken;
        var stateAt23Hours = await FailFor25HoursAsync(rig, server, ct);

        var requestsWhenDisabled = server.LogEntries.Count;
        await rig.LedgerAsync("bob@example.org", 12, "sent");
        var producedAfter = await rig.Producer.RunAsync(ct);
        await rig.Dispatcher.RunAsync(ct);
        var subscriber = (await rig.Store.SubscribersAsync(ct)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(stateAt23Hours, Is.EqualTo("active"));
            Assert.That(subscriber.State, Is.EqualTo("disabled"));
            Assert.That(subscriber.DisabledReason, Does.StartWith("failing since ").And.Contain("500"));
            Assert.That(requestsWhenDisabled, Is.GreaterThan(2), "retried in between");
            Assert.That(server.LogEntries.Count, Is.EqualTo(requestsWhenDisabled), "nothing is sent to a disabled subscriber");
            Assert.That(producedAfter, Is.Zero);
            Assert.That(rig.Logs.Lines.Count(l => l.Contains("disabled after failing", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(rig.Logs.Lines, Has.None.Contains(WebhookRig.Secret[6..]), "the secret is never logged");
        });
        Assert.That((await rig.DeliveriesAsync()).Single().State, Is.EqualTo("failed"));
    }

    [TestCase(true, TestName = "EnableSubscriberAsync_Replay_WhatFailedIsDeliveredWithItsWebhookId")]
    [TestCase(false, TestName = "EnableSubscriberAsync_NoReplay_ActiveForNewEventsOnly")]
    public async Task EnableSubscriberAsync_DisabledSubscriber_ActiveAgain(bool replay)
    {
        await using var rig = await WebhookRig.StartAsync();
        using var server = WireMockServer.Start();
        var ct = TestContext.CurrentContext.CancellationToken;
        await FailFor25HoursAsync(rig, server, ct);

        var subscriber = (await rig.Store.SubscribersAsync(ct)).Single();
        var failedId = Header(server.LogEntries[0].RequestMessage!, "webhook-id");
        Assert.That(subscriber.State, Is.EqualTo("disabled"), "the setting: disabled after 24 hours of failures");
        server.Reset();
        server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200));

        var replayed = await rig.Store.EnableSubscriberAsync(subscriber.Id, replay, rig.Clock.GetUtcNow(), ct);
        await rig.LedgerAsync("bob@example.org", 12, "sent");
        await rig.Producer.RunAsync(ct);
        await rig.Dispatcher.RunAsync(ct);

        var after = (await rig.Store.SubscribersAsync(ct)).Single();
        var received = server.LogEntries.Select(e => Header(e.RequestMessage!, "webhook-id")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That((after.State, after.FailingSince, after.DisabledReason), Is.EqualTo(("active", (string?)null, (string?)null)));
            Assert.That(replayed, Is.EqualTo(replay ? 1 : 0));
            Assert.That(received, Has.Count.EqualTo(replay ? 2 : 1), "the new event, and the failed one when replayed");
            Assert.That(received.Contains(failedId), Is.EqualTo(replay), "a replayed event keeps its webhook-id, so a receiver can drop a copy it already has");
        });
        Assert.That(await rig.Store.EnableSubscriberAsync(999, replay, rig.Clock.GetUtcNow(), ct), Is.Null);
    }

    [Test]
    public async Task RunAsync_SubscriberFailsOnFirstOfTwoDeliveries_OneProbePerPassBothStillPending()
    {
        await using var rig = await WebhookRig.StartAsync();
        using var server = WireMockServer.Start();
        server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(502));
        await rig.AddSubscriberAsync($"{server.Url}/hook");
        await rig.LedgerAsync("ann@example.org", 11, "sent");
        await rig.LedgerAsync("bob@example.org", 12, "sent");
        var ct = TestContext.CurrentContext.CancellationToken;
        await rig.Producer.RunAsync(ct);

        await rig.Dispatcher.RunAsync(ct);

        var deliveries = await rig.DeliveriesAsync();
        Assert.Multiple(() =>
        {
            Assert.That(server.LogEntries, Has.Count.EqualTo(1));
            Assert.That(deliveries.Select(d => (d.State, d.Attempts)), Is.EqualTo(new[] { ("pending", 1L), ("pending", 0L) }));
        });
    }

    [Test]
    public async Task RunAsync_UrlResolvesToLoopbackAtDeliveryTime_RefusedWithoutAConnection()
    {
        await using var rig = await WebhookRig.StartAsync(allowPrivate: false);
        using var server = WireMockServer.Start();
        server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        var id = await rig.AddSubscriberAsync($"{server.Url!.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)}/hook");
        await rig.LedgerAsync("ann@example.org", 11, "sent");
        var ct = TestContext.CurrentContext.CancellationToken;
        await rig.Producer.RunAsync(ct);

        var delivered = await rig.Dispatcher.RunAsync(ct);

        var attempt = (await rig.Store.AttemptsAsync(id, 10, ct)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(delivered, Is.Zero);
            Assert.That(server.LogEntries, Is.Empty);
            Assert.That(attempt.StatusCode, Is.Null);
            Assert.That(attempt.Error, Does.StartWith("refused: localhost resolves to").And.Contain("Webhooks:AllowPrivate"));
            Assert.That(attempt.State, Is.EqualTo("pending"), "retried later: DNS may change");
        });
    }

    [Test]
    public async Task RunAsync_SubscriberSlowerThanTimeout_AttemptFailsAsTimedOut()
    {
        await using var rig = await WebhookRig.StartAsync(timeout: "00:00:00.300");
        using var server = WireMockServer.Start();
        server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(3)));
        var id = await rig.AddSubscriberAsync($"{server.Url}/hook");
        await rig.LedgerAsync("ann@example.org", 11, "sent");
        var ct = TestContext.CurrentContext.CancellationToken;
        await rig.Producer.RunAsync(ct);

        var delivered = await rig.Dispatcher.RunAsync(ct);

        var attempt = (await rig.Store.AttemptsAsync(id, 10, ct)).Single();
        Assert.That((delivered, attempt.StatusCode, attempt.Error), Is.EqualTo((0, (long?)null, "timed out (Webhooks:Timeout)")));
    }

    // A subscriber answering 500 to one event for 25 hours on the fake clock (every 30 minutes a pass); its state at 23 h.
    private static async Task<string?> FailFor25HoursAsync(WebhookRig rig, WireMockServer server, CancellationToken ct)
    {
        server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(500));
        await rig.AddSubscriberAsync($"{server.Url}/hook");
        await rig.LedgerAsync("ann@example.org", 11, "sent");
        await rig.Producer.RunAsync(ct);
        var start = rig.Clock.GetUtcNow();
        string? stateAt23Hours = null;
        while (rig.Clock.GetUtcNow() - start <= TimeSpan.FromHours(25))
        {
            await rig.Dispatcher.RunAsync(ct);
            if (rig.Clock.GetUtcNow() - start == TimeSpan.FromHours(23))
            {
                stateAt23Hours = (await rig.Store.SubscribersAsync(ct)).Single().State;
            }

            rig.Clock.Advance(TimeSpan.FromMinutes(30));
        }

        return stateAt23Hours;
    }

    private static string Header(IRequestMessage request, string name) =>
        request.Headers!.First(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value.ToString()!;
}
