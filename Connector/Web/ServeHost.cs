using Connector.Api;
using Connector.Bounces;
using Connector.Crm.Bitrix24;
using Connector.Crm.Bitrix24.Install;
using Connector.Host;
using Connector.Operations.Telemetry;
using Connector.Sandbox;
using Connector.Store;
using Connector.Sync;
using Connector.Tracking;
using Connector.Web.UiSession;
using Microsoft.Extensions.Options;

namespace Connector.Web;

/// <summary>
/// <c>crm-esp serve</c>: the web host (app install, events, placements, health; the sandbox portal when no CRM is
/// configured), the scheduler with its jobs and the event processor, all from <see cref="ConnectorComposition"/>. In
/// sandbox mode the sandbox installs the app into this very host through the real install flow (OAuth tokens,
/// event.bind), so events, refreshes and syncs are the real paths.
/// </summary>
public static class ServeHost
{
    /// <summary>0 after a clean stop; 2 for invalid configuration, 1 when the host cannot start (a port in use), one line on stderr each.</summary>
    public static async Task<int> RunAsync(string[] configArgs, PortalChoice choice, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = configArgs, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables(ConnectorConfiguration.EnvironmentPrefix).AddCommandLine(configArgs);
        var self = new ServeOptions { Urls = builder.Configuration["urls"] }.SelfUrl();
        if (choice.Sandbox)
        {
            builder.Configuration.AddInMemoryCollection(SandboxAppSettings(builder.Configuration, self));
            builder.Configuration.AddInMemoryCollection(SandboxSendingDefaults.For(builder.Configuration, choice, self));
        }

        builder.Services.AddConnector(builder.Configuration, choice, time, ConnectorHostKind.Serve);
        builder.Services.AddBitrix24InstallRateLimit();
        var app = builder.Build();
        try
        {
            await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
            app.UseTrustedProxies();
            app.UseBitrix24InstallRateLimit();
            app.UseUiStaticFiles();
            app.MapGet("/healthz", HealthEndpoints.Live);
            app.MapHealth();
            app.MapMetrics();
            app.MapBitrix24App();
            app.MapTracking();
            app.MapBounces();
            app.MapApi();
            app.MapUiApi();
            if (choice.Sandbox)
            {
                app.MapSandbox();
            }

            // Sandbox:InstallApp=false serves the sandbox only as a peer for another process (benchmarks).
            if (choice.Sandbox && !string.Equals(app.Configuration["Sandbox:InstallApp"], "false", StringComparison.OrdinalIgnoreCase))
            {
                app.Lifetime.ApplicationStarted.Register(() => _ = InstallSandboxAsync(app, self, app.Lifetime.ApplicationStopping));
            }

            await app.RunAsync(cancellationToken);
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"crm-esp: invalid configuration: {ex.Failures.FirstOrDefault() ?? ex.Message}");
            return 2;
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"crm-esp: serve: cannot listen on {builder.Configuration["urls"] ?? ServeOptions.DefaultUrl}: the address is already in use (choose another with --urls)");
            return 1;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>The sandbox installs the app into this host, as a portal admin would (ONAPPINSTALL flow).</summary>
    private static async Task InstallSandboxAsync(WebApplication app, Uri self, CancellationToken cancellationToken)
    {
        try
        {
            var portal = app.Services.GetRequiredService<SandboxPortal>();
            portal.SetBaseUrl(self);
            var member = portal.Options.MemberId;
            var kept = await app.Services.GetRequiredService<MirrorQueries>().PortalIdAsync(member, cancellationToken) is { } portalId
                && await app.Services.GetRequiredService<ISyncStateStore>().GetCursorAsync(portalId, SyncCursorNames.Baseline, cancellationToken) is not null;
            var result = await portal.InstallAsync(new Uri(self, "b24/install"), SandboxInstallMode.InstallEvent, cancellationToken);
            app.Logger.LogInformation("No portal configured: the built-in sandbox portal (member_id {Member}) installed the app: HTTP {Status}; events go to {Events}",
                member, result.StatusCode, new Uri(self, "b24/events"));

            // The sandbox lives in memory and starts from its seed again; a full pass brings a kept mirror back in line.
            // (A first install has no baseline: the installer starts that full pass itself.)
            if (kept)
            {
                await app.Services.GetRequiredService<ISyncTrigger>().TriggerFullAsync(member, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            app.Logger.LogError(ex, "The sandbox portal could not install the app");
        }
    }

    /// <summary>In sandbox mode the app talks OAuth to the sandbox's own OAuth server, unless told otherwise.</summary>
    private static Dictionary<string, string?> SandboxAppSettings(ConfigurationManager configuration, Uri self)
    {
        var sandbox = configuration.GetSection("Sandbox").Get<SandboxOptions>() ?? new SandboxOptions();
        var settings = new Dictionary<string, string?>();
        void Default(string key, string value)
        {
            if (string.IsNullOrWhiteSpace(configuration[key]))
            {
                settings[key] = value;
            }
        }

        Default("App:PublicUrl", self.AbsoluteUri);
        Default("Bitrix24:OAuthServer", new Uri(self, "sandbox").AbsoluteUri);
        Default("Bitrix24:ClientId", sandbox.ClientId);
        Default("Bitrix24:ClientSecret", sandbox.ClientSecret);
        return settings;
    }
}
