using System.Text;
using System.Text.Json;
using Connector.Bounces;
using Connector.Scenarios;
using Connector.Webhooks;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connector.Tests.Scenarios;

/// <summary>The webhook step: a signed JSON POST with the step key as webhook-id, retried with backoff until it is taken, never again after.</summary>
[CancelAfter(120_000)]
public sealed class WebhookStepTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Test]
    public async Task Webhook_500ThenOk_RetriedWithBackoff_SignedWithTheStepKey_DeliveredOnce()
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/hook").UsingPost()).InScenario("hook").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(500));
        server.Given(Request.Create().WithPath("/hook").UsingPost()).InScenario("hook").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(204));
        await using var rig = await ScenarioRig.StartAsync(new Dictionary<string, string?>
        {
            ["Scenarios:WebhookSecret"] = Secret, ["Webhooks:AllowPrivate"] = "true",
        });
        await rig.ImportAsync($"name: notify\ntrigger: {{ type: contact_created }}\nsteps:\n  - webhook: {server.Url}/hook\n  - send: welcome\n");
        await rig.AddContactsAsync([1]);

        await rig.TickAsync();
        var afterFailure = (server.LogEntries.Count, rig.SentKeys().Count);
        rig.Time.Advance(TimeSpan.FromSeconds(14));
        await rig.TickAsync();
        var beforeBackoff = server.LogEntries.Count;
        rig.Time.Advance(TimeSpan.FromMinutes(1));
        await rig.TickAsync();
        rig.Time.Advance(TimeSpan.FromHours(2));
        await rig.TickAsync();

        var request = server.LogEntries[^1].RequestMessage!;
        var body = request.Body!;
        var headers = request.Headers!;
        using var json = JsonDocument.Parse(body);
        var signature = StandardWebhookSignature.Verify(WebhookSecret.KeyOf(Secret)!, headers["webhook-id"][0], headers["webhook-timestamp"][0],
            headers["webhook-signature"][0], Encoding.UTF8.GetBytes(body), rig.Time.GetUtcNow(), TimeSpan.FromDays(1));
        Assert.Multiple(() =>
        {
            Assert.That(afterFailure, Is.EqualTo((1, 0)), "the step waits; the send after it does not run");
            Assert.That(beforeBackoff, Is.EqualTo(1), "backoff: the first retry waits at least 15 s");
            Assert.That(server.LogEntries.Count, Is.EqualTo(2), "delivered once, then never again");
            Assert.That(headers["webhook-id"][0], Is.EqualTo("hook:step-1:enrollment:1"));
            Assert.That(signature, Is.Null, "the signature verifies");
            Assert.That((json.RootElement.GetProperty("event").GetString(), json.RootElement.GetProperty("scenario").GetString(), json.RootElement.GetProperty("contact").GetInt64()),
                Is.EqualTo(("scenario.step", "notify", 1L)));
            Assert.That(rig.Queue.Created.Select(l => l.TemplateName), Is.EqualTo(new[] { "welcome" }));
        });
    }

    [TestCase("http://example.com/hook")]
    [TestCase("ftp://example.com/hook")]
    [TestCase("https://user:pw@example.com/hook")]
    public void Read_WebhookUrlNotHttps_ErrorWithItsLine(string url) =>
        Assert.That(ScenarioFileReader.Read($"name: x\ntrigger: {{ type: contact_created }}\nsteps:\n  - webhook:\n      url: {url}\n").Errors.Select(e => e.Format("x.yaml")),
            Is.EqualTo(new[] { $"x.yaml:5: webhook url '{url}' must be https (http only to a loopback host), with a host and no user info" }));
}
