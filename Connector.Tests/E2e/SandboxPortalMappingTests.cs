using System.Globalization;
using System.Net;
using Connector.Tests.TestSupport;

namespace Connector.Tests.E2e;

/// <summary>The sandbox's portal page exists only in sandbox mode: with a CRM configured, serve never maps it.</summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class SandboxPortalMappingTests
{
    [Test]
    public async Task PortalPage_WithACrmConfigured_IsNotMapped(CancellationToken cancellationToken)
    {
        using var serve = new ServeChildren("crm-esp-portal-map-");
        var url = new Uri($"http://127.0.0.1:{TestPorts.Free().ToString(CultureInfo.InvariantCulture)}/");
        // An incoming webhook on a port nothing listens on: a configured CRM, unreachable (serve starts regardless).
        var child = serve.Serve(["--urls", url.GetLeftPart(UriPartial.Authority), $"--Store:Path={serve.StorePath}",
            $"--Bitrix24:WebhookUrl=http://127.0.0.1:{TestPorts.Free().ToString(CultureInfo.InvariantCulture)}/rest/1/abcdef/", "--Logging:LogLevel:Default=Warning"]);
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        await serve.UntilAsync(async () =>
        {
            try
            {
                using var health = await http.GetAsync("healthz", cancellationToken);
                return health.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), child, cancellationToken);

        using var page = await http.GetAsync("sandbox/portal", cancellationToken);
        using var rest = await http.GetAsync("sandbox/rest/1/x/crm.deal.list", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(rest.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "nor any other sandbox route");
        });
    }
}
