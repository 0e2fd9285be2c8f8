using System.Net;
using System.Text.Json;
using Connector.Operations.Health;
using Connector.Sync;
using Connector.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Tests.Operations;

/// <summary><c>/healthz/live</c> needs nothing; <c>/healthz/ready</c> answers 503 naming each failed check, 200 once they pass, with no error text.</summary>
[CancelAfter(60_000)]
public sealed class HealthRoutesTests
{
    [Test]
    public async Task Ready_ChecksFailThenPass_503NamingTheFailedThen200_LiveAlways200(CancellationToken cancellationToken)
    {
        var store = new SwitchCheck("store", "1 migration not applied");
        var smtp = new SwitchCheck("smtp:default", "unreachable");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(new PortalHealth(Options.Create(new SyncOptions()), TimeProvider.System));
        builder.Services.AddSingleton(Options.Create(new HealthOptions()));
        builder.Services.AddSingleton<IReadinessCheck>(store).AddSingleton<IReadinessCheck>(smtp).AddSingleton<ReadinessReport>();
        await using var app = builder.Build();
        app.MapHealth();
        await app.StartAsync(cancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        using var live = await http.GetAsync(HealthEndpoints.LiveRoute, cancellationToken);
        using var down = await http.GetAsync(HealthEndpoints.ReadyRoute, cancellationToken);
        var downBody = JsonDocument.Parse(await down.Content.ReadAsStringAsync(cancellationToken)).RootElement;
        store.Ready = true;
        using var half = await http.GetAsync(HealthEndpoints.ReadyRoute, cancellationToken);
        var halfBody = JsonDocument.Parse(await half.Content.ReadAsStringAsync(cancellationToken)).RootElement;
        smtp.Ready = true;
        using var up = await http.GetAsync(HealthEndpoints.ReadyRoute, cancellationToken);
        var upBody = JsonDocument.Parse(await up.Content.ReadAsStringAsync(cancellationToken)).RootElement;
        await app.StopAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(down.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(downBody.GetProperty("failed").EnumerateArray().Select(f => f.GetString()), Is.EqualTo(new[] { "store", "smtp:default" }));
            Assert.That(downBody.GetProperty("checks")[0].GetProperty("detail").GetString(), Is.EqualTo("1 migration not applied"));
            Assert.That(half.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(halfBody.GetProperty("failed").EnumerateArray().Select(f => f.GetString()), Is.EqualTo(new[] { "smtp:default" }));
            Assert.That(up.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(upBody.GetProperty("status").GetString(), Is.EqualTo("ready"));
            Assert.That(upBody.GetProperty("failed").GetArrayLength(), Is.Zero);
        });
    }

    private sealed class SwitchCheck(string name, string failure) : IReadinessCheck
    {
        public bool Ready { get; set; }

        public string Name => name;

        public Task<IReadOnlyList<ReadinessResult>> CheckAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ReadinessResult>>([new ReadinessResult(name, Ready, Ready ? "ok" : failure)]);
    }
}
