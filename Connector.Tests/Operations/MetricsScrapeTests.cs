using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connector.Tests.Api;
using Connector.Tests.Sending;
using Connector.Tests.Sending.Queue;

namespace Connector.Tests.Operations;

/// <summary>
/// <c>/metrics</c> in serve's composition (<see cref="ApiRig"/>, a real smtp-sink): 401 without or with a wrong token,
/// and after one message sent through the API the series carry the right values (sends by result, queue depth per send
/// key, the outbox backlog); not mapped when <c>Metrics:Enabled</c> is off; an enabled endpoint without a token refuses to start.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MetricsScrapeTests
{
    private const string Token = "scrape-token-0123456789";
    private static readonly Uri Metrics = PrometheusText.Route;

    [Test]
    public async Task Scrape_AfterASend_SeriesHoldTheRightValues_401WithoutOrWithAWrongToken(CancellationToken cancellationToken)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var rig = await QueueRig.StartAsync(cancellationToken, new Dictionary<string, string?>
        {
            ["Smtp:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture), ["Sending:Runner:PollIntervalSeconds"] = "1",
            ["Metrics:Enabled"] = "true", ["Metrics:Token"] = Token,
        });
        // Two rows of a campaign due in a year (queued, not taken) and three timeline entries waiting.
        await rig.ExecuteAsync("""
            INSERT INTO send_ledger (send_key, recipient, contact_id, state, due_at, next_attempt_at, created_at, updated_at, sender_domain) VALUES
              ('spring-sale', 'x1@example.org', 1, 'queued', '2027-12-01T00:00:00Z', '2027-12-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'example.com'),
              ('spring-sale', 'x2@example.org', 2, 'queued', '2027-12-01T00:00:00Z', '2027-12-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'example.com')
            """);
        var (_, key) = await rig.CreateKeyAsync(1);
        using var api = rig.Client(key);
        using var anonymous = rig.Client();
        using var wrong = rig.Client("scrape-token-wrong-000");
        using var scraper = rig.Client(Token);

        using var posted = await api.PostAsJsonAsync(new Uri("api/v1/messages", UriKind.Relative), new { template = QueueRig.Template, contact_id = 7, deal_id = 70, variables = new { order_id = "A-1", tracking = "T" } }, cancellationToken);
        var statusUrl = JsonNode.Parse(await posted.Content.ReadAsStringAsync(cancellationToken))!["status_url"]!.GetValue<string>().TrimStart('/');
        while (JsonNode.Parse(await api.GetStringAsync(new Uri(statusUrl, UriKind.Relative), cancellationToken))!["status"]!.GetValue<string>() != "sent")
        {
            await Task.Delay(50, cancellationToken);
        }

        await sink.WaitForMessagesAsync(1);
        using var noAuth = await anonymous.GetAsync(Metrics, cancellationToken);
        using var badAuth = await wrong.GetAsync(Metrics, cancellationToken);
        var text = await PrometheusText.ScrapeUntilAsync(scraper, "crm_esp_sends_total", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(noAuth.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(noAuth.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
            Assert.That(badAuth.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(PrometheusText.Series(text, "crm_esp_sends_total", "result=\"sent\""), Is.EqualTo(1), text);
            Assert.That(PrometheusText.Series(text, "crm_esp_send_queue_depth", "send_key=\"spring-sale\""), Is.EqualTo(2), text);
            Assert.That(PrometheusText.Series(text, "crm_esp_timeline_outbox_backlog", null), Is.Zero, text);
            Assert.That(text, Does.Not.Contain("anna@example.org"), "no personal data in labels");
            Assert.That(rig.ErrorsWithExceptions, Is.Empty);
        });
    }

    [Test]
    public async Task Scrape_MetricsDisabled_NotMapped404(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        using var scraper = rig.Client(Token);

        using var response = await scraper.GetAsync(Metrics, cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public void Start_EnabledWithoutAToken_RefusedNamingTheKey()
    {
        var failure = Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () =>
            await (await ApiRig.StartAsync(TestContext.CurrentContext.CancellationToken, new Dictionary<string, string?> { ["Metrics:Enabled"] = "true" })).DisposeAsync());

        Assert.That(failure!.Failures.Single(), Does.StartWith("Metrics:Token: required when Metrics:Enabled=true"));
    }
}
