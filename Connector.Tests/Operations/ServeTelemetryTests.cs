using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Connector.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connector.Tests.Operations;

/// <summary>
/// <c>crm-esp serve</c> in sandbox mode as a child process (the sandbox installs the app and the first sync mirrors it):
/// after that sync <c>/metrics</c> holds the portal's Bitrix24 requests, budget and sync lag and <c>/healthz/ready</c>
/// names every check; with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> pointing at a WireMock receiver, traces (the sync pass's
/// span among them) and metrics arrive there over OTLP/HTTP.
/// </summary>
[NonParallelizable]
[CancelAfter(180_000)]
public sealed class ServeTelemetryTests
{
    private const string Token = "serve-scrape-token-0123456789";

    [Test]
    public async Task Scrape_AfterTheSandboxSync_RequestsBudgetAndLagOfThePortal_ReadyNamesEveryCheck(CancellationToken cancellationToken)
    {
        using var serve = new ServeChildren("crm-esp-metrics-");
        var url = new Uri($"http://127.0.0.1:{TestPorts.Free().ToString(CultureInfo.InvariantCulture)}/");
        var child = serve.Serve(["--urls", url.GetLeftPart(UriPartial.Authority), $"--Store:Path={serve.StorePath}", "--Metrics:Enabled=true", $"--Metrics:Token={Token}",
            "--Sandbox:EventTimeoutSeconds=60", "--Logging:LogLevel:Default=Warning"]);
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        await UntilSyncedAsync(serve, http, child, cancellationToken);

        var portal = (await serve.QueryAsync<string>("SELECT portal_key FROM portals", cancellationToken)).Single();
        var syncRequests = await serve.CountAsync("SELECT SUM(requests) FROM sync_runs WHERE status = 'succeeded'", cancellationToken);
        var text = await PrometheusText.ScrapeUntilAsync(http, "crm_esp_sync_lag", cancellationToken);
        var finished = (await serve.QueryAsync<string>("SELECT MAX(finished_at) FROM sync_runs WHERE status = 'succeeded'", cancellationToken)).Single();
        var sinceFinished = (DateTimeOffset.UtcNow - DateTimeOffset.Parse(finished, CultureInfo.InvariantCulture)).TotalSeconds;
        var label = $"portal=\"{portal}\"";
        using var ready = await http.GetAsync("healthz/ready", cancellationToken);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(cancellationToken)).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(PrometheusText.Series(text, "crm_esp_bitrix24_requests_total", label), Is.GreaterThanOrEqualTo(syncRequests).And.GreaterThan(0), text);
            Assert.That(PrometheusText.Series(text, "crm_esp_bitrix24_budget_remaining", label), Is.InRange(0, 48), "burst 50 less the headroom of 2");
            Assert.That(PrometheusText.Series(text, "crm_esp_sync_lag_seconds", label), Is.InRange(0, sinceFinished + 5), text);
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(body.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()),
                Is.SupersetOf(new[] { "store", "scheduler", $"sync_age:{portal}", $"portal:{portal}" }));
        });
    }

    [Test]
    public async Task Otlp_EndpointSet_TracesWithTheSyncPassAndMetricsPostedToTheReceiver_MetricsRouteNotMapped(CancellationToken cancellationToken)
    {
        using var receiver = WireMockServer.Start();
        receiver.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        using var serve = new ServeChildren("crm-esp-otlp-");
        var url = new Uri($"http://127.0.0.1:{TestPorts.Free().ToString(CultureInfo.InvariantCulture)}/");
        var child = serve.Serve(["--urls", url.GetLeftPart(UriPartial.Authority), $"--Store:Path={serve.StorePath}", "--Sandbox:EventTimeoutSeconds=60", "--Logging:LogLevel:Default=Warning"],
            new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Url!, ["OTEL_METRIC_EXPORT_INTERVAL"] = "500", ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            });
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        await UntilSyncedAsync(serve, http, child, cancellationToken);

        await serve.UntilAsync(() => Task.FromResult(Paths(receiver).Contains("/v1/metrics")
            && Bodies(receiver, "/v1/traces").Any(b => b.Contains("sync.pass", StringComparison.Ordinal))), TimeSpan.FromSeconds(30), child, cancellationToken);
        using var metrics = await http.GetAsync("metrics", cancellationToken);
        var traces = Bodies(receiver, "/v1/traces");

        Assert.Multiple(() =>
        {
            Assert.That(traces.Any(b => b.Contains("CrmEspBridge", StringComparison.Ordinal)), Is.True, "spans of the connector's source");
            Assert.That(Bodies(receiver, "/v1/metrics").Any(b => b.Contains("crm_esp.bitrix24.requests", StringComparison.Ordinal)), Is.True);
            Assert.That(metrics.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "Metrics:Enabled is off");
        });
    }

    private static List<string> Paths(WireMockServer receiver) => receiver.LogEntries.Select(e => e.RequestMessage!.Path).ToList();

    // OTLP/HTTP bodies are protobuf; strings in them are plain UTF-8.
    private static List<string> Bodies(WireMockServer receiver, string path) => receiver.LogEntries.Where(e => e.RequestMessage!.Path == path)
        .Select(e => Encoding.UTF8.GetString(e.RequestMessage!.BodyAsBytes ?? [])).ToList();

    private static Task UntilSyncedAsync(ServeChildren serve, HttpClient http, System.Diagnostics.Process child, CancellationToken cancellationToken) =>
        serve.UntilAsync(async () =>
        {
            try
            {
                using var live = await http.GetAsync("healthz/live", cancellationToken);
                return live.IsSuccessStatusCode
                    && await serve.CountAsync("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sync_runs'", cancellationToken) == 1
                    && await serve.CountAsync("SELECT COUNT(*) FROM sync_runs WHERE status = 'succeeded'", cancellationToken) > 0;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(120), child, cancellationToken);
}
