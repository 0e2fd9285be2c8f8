using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Connector.Sandbox;

/// <summary>
/// A self-contained Kestrel host on a free loopback port serving only the sandbox portal, for
/// <c>crm-esp sync</c> without a configured portal and for tests. Logs at Warning and above.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxHost(WebApplication app, Uri baseUrl, Uri webhookUrl, SandboxPortal portal)
    {
        _app = app;
        BaseUrl = baseUrl;
        WebhookUrl = webhookUrl;
        Portal = portal;
    }

    /// <summary>The host root with trailing slash, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The OAuth REST base (<c>{BaseUrl}sandbox/rest/</c>; the moved base after <see cref="SandboxPortal.ChangeDomain"/>).</summary>
    public Uri ClientEndpoint => Portal.ClientEndpoint;

    /// <summary>The authorization server root, <c>{BaseUrl}sandbox</c>: refresh at <c>{OAuthServer}/oauth/token/</c>.</summary>
    public Uri OAuthServer => Portal.OAuthServer;

    /// <summary>The incoming-webhook base URL with trailing slash: append the method name.</summary>
    public Uri WebhookUrl { get; }

    public SandboxPortal Portal { get; }

    public static async Task<SandboxHost> StartAsync(SandboxOptions options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(SandboxHost).Assembly.GetName().Name });
        // appsettings.json in the content root may say Information; the sandbox stays quiet regardless.
        builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning")]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var portal = new SandboxPortal(options, timeProvider);
        builder.Services.AddSingleton(portal);
        var app = builder.Build();
        app.MapSandbox();
        await app.StartAsync(cancellationToken);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel did not report its address.");
        var address = addresses.Addresses.First();
        var userId = options.WebhookUserId.ToString(CultureInfo.InvariantCulture);
        var url = new Uri($"{address.TrimEnd('/')}{SandboxEndpoints.RoutePrefix}/{userId}/{options.WebhookCode}/");
        var baseUrl = new Uri($"{address.TrimEnd('/')}/");
        portal.SetBaseUrl(baseUrl);
        return new SandboxHost(app, baseUrl, url, portal);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();

        // Registered as an instance, so the container does not dispose it.
        await Portal.DisposeAsync();
    }
}
