using Connector.Cli;
using Connector.Crm.Bitrix24;
using Connector.Crm.Bitrix24.Installs;
using Connector.Crm.Bitrix24.Portals;
using Connector.Crm.Bitrix24.Reading;
using Connector.Sandbox;
using Connector.Store;
using Connector.Sync;

namespace Connector.Web;

/// <summary>
/// <c>crm-esp serve</c>: the web host (app install, events, placements, health; the sandbox portal when no CRM is
/// configured), the sync jobs and the event processor. In sandbox mode the sandbox installs the app into this very
/// host through the real install flow (OAuth tokens, event.bind), so events, refreshes and syncs are the real paths.
/// </summary>
public static class ServeHost
{
    public static async Task<int> RunAsync(string[] configArgs, PortalChoice choice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = configArgs, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables(ConnectorConfiguration.EnvironmentPrefix).AddCommandLine(configArgs);
        var self = SelfUrl(builder.Configuration["urls"]);
        if (choice.Sandbox)
        {
            builder.Configuration.AddInMemoryCollection(SandboxAppSettings(builder.Configuration, self));
            builder.Services.AddSandbox(builder.Configuration);
        }

        builder.Services.AddStore(builder.Configuration).AddSync(builder.Configuration).AddBitrix24Client(builder.Configuration)
            .AddBitrix24App(builder.Configuration).AddChangeProcessing();
        if (!string.Equals(builder.Configuration["Sync:JobsEnabled"], "false", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddSyncJobs(builder.Configuration);
        }

        builder.Services.AddSingleton<ICrmSourceProvider>(sp => new Bitrix24SourceProvider(
            _ => Task.FromResult<IReadOnlyList<Bitrix24Portal>>(choice.WebhookUrl is { } url && !choice.SandboxForced ? [WebhookUrl.ToPortal(url)] : []),
            sp.GetRequiredService<Bitrix24InstallStore>(), sp.GetRequiredService<IBitrix24Client>, sp.GetRequiredService<ILogger<Bitrix24CrmSource>>()));

        var app = builder.Build();
        await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" }));
        app.MapHealth();
        app.MapBitrix24App();
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

    private static Uri SelfUrl(string? urls)
    {
        var first = (urls ?? "http://127.0.0.1:5080").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "http://127.0.0.1:5080";
        var uri = new UriBuilder(first.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)) { Path = "/" };
        return uri.Uri;
    }
}
