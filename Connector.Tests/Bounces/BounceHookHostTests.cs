using System.Globalization;
using System.Net;
using System.Text;
using Connector.Bounces;
using Connector.Host;
using Connector.Store;
using Connector.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.Bounces;

/// <summary><c>POST /hooks/bounces</c> through Kestrel, mapped by <see cref="BouncesServiceCollectionExtensions.MapBounces"/> over the one composition.</summary>
[CancelAfter(60_000)]
public sealed class BounceHookHostTests
{
    private const string Secret = "plain-text-secret-for-tests";

    [Test]
    public async Task Post_SignedUnsignedOversizedAndBadJson_200_401_413_400()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var folder = Path.Combine(Path.GetTempPath(), "crm-esp-tests", Guid.NewGuid().ToString("N"));
        var url = $"http://127.0.0.1:{TestPorts.Free()}";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Store:Path"] = Path.Combine(folder, "m.db"), ["Bounces:HookSecret"] = Secret });
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        builder.Services.AddConnector(builder.Configuration, PortalChoice.From(builder.Configuration, sandboxFlag: false), TimeProvider.System, ConnectorHostKind.Serve);
        await using var app = builder.Build();
        await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(ct);
        app.MapBounces();
        await app.StartAsync(ct);
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        var body = """{"type":"bounce","recipient":"ghost@example.org","status":"5.1.1"}""";
        var signed = await http.SendAsync(Signed(body, "msg_1"), ct);
        var unsigned = await http.PostAsync(BouncesServiceCollectionExtensions.HookRoute, new StringContent(body, Encoding.UTF8, "application/json"), ct);
        var oversized = await http.SendAsync(Signed(new string(' ', BounceHook.MaxBody + 1), "msg_2"), ct);
        var badJson = await http.SendAsync(Signed("""{"type":"bounce","recipient":"ghost@example.org"}""", "msg_3"), ct);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((signed.StatusCode, await signed.Content.ReadAsStringAsync(ct)), Is.EqualTo((HttpStatusCode.OK, """{"recorded":true,"kind":"hard","matched":false,"suppressed":false}""")));
            Assert.That(unsigned.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(oversized.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That((badJson.StatusCode, await badJson.Content.ReadAsStringAsync(ct)), Is.EqualTo((HttpStatusCode.BadRequest, """{"error":"status: a bounce needs an RFC 3463 status code like 5.1.1"}""")));
        });
        await app.StopAsync(ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static HttpRequestMessage Signed(string body, string id)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, BouncesServiceCollectionExtensions.HookRoute) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", StandardWebhookSignature.Sign(HookSecret.KeyOf(Secret)!, id, timestamp, Encoding.UTF8.GetBytes(body)));
        return request;
    }
}
