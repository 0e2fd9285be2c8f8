using System.Net;
using System.Text.Json;
using Connector.Sync;
using Connector.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Web;

[CancelAfter(120_000)]
public sealed class HealthEndpointsTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Ready_PortalFailing_503WithEachPortalThen200WhenItRecovers(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var health = new PortalHealth(Options.Create(new SyncOptions()), time);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(health);
        await using var app = builder.Build();
        app.MapHealth();
        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var http = new HttpClient { BaseAddress = address };

        using var empty = await http.GetAsync(HealthEndpoints.ReadyRoute, cancellationToken);
        health.Succeeded("ok.example#1");
        health.Failed("down.example#1", "Unreachable");
        health.Failed("down.example#1", "Unreachable");
        using var degraded = await http.GetAsync(HealthEndpoints.ReadyRoute, cancellationToken);
        var body = JsonDocument.Parse(await degraded.Content.ReadAsStringAsync(cancellationToken)).RootElement;
        health.Succeeded("down.example#1");
        using var ready = await http.GetAsync(HealthEndpoints.ReadyRoute, cancellationToken);
        var readyBody = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(cancellationToken)).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(degraded.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("degraded"));
            Assert.That(body.GetProperty("portals").EnumerateArray().Select(p => (p.GetProperty("portal").GetString(), p.GetProperty("consecutive_failures").GetInt32(), p.GetProperty("last_failure").ValueKind)),
                Is.EqualTo(new[] { ("down.example#1", 2, JsonValueKind.String), ("ok.example#1", 0, JsonValueKind.Null) }));
            Assert.That(body.ToString(), Does.Not.Contain("Unreachable"), "no error text on an unauthenticated endpoint");
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(readyBody.GetProperty("status").GetString(), Is.EqualTo("ready"));
        });
        await app.StopAsync(cancellationToken);
    }
}
