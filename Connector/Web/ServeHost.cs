using Connector.Cli;
using Connector.Crm.Bitrix24;
using Connector.Crm.Bitrix24.Installs;
using Connector.Crm.Bitrix24.Portals;
using Connector.Crm.Bitrix24.Reading;
using Connector.Sandbox;
using Connector.Store;
using Connector.Sync;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Connector.Web;

/// <summary><c>crm-esp serve</c>: the web host (sandbox portal when no CRM is configured, health) plus the sync jobs.</summary>
public static class ServeHost
{
    public static async Task<int> RunAsync(string[] configArgs, PortalChoice choice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = configArgs, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables(ConnectorConfiguration.EnvironmentPrefix).AddCommandLine(configArgs);
        builder.Services.AddStore(builder.Configuration).AddSync(builder.Configuration).AddBitrix24Client(builder.Configuration);
        if (!string.Equals(builder.Configuration["Sync:JobsEnabled"], "false", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddSyncJobs(builder.Configuration);
        }
        if (choice.Sandbox)
        {
            builder.Services.AddSandbox(builder.Configuration);
        }

        builder.Services.AddSingleton<ICrmSourceProvider>(sp => new Bitrix24SourceProvider(
            async ct => choice.WebhookUrl is { } url && !choice.SandboxForced ? [WebhookUrl.ToPortal(url)] : [await SandboxPortalOnSelfAsync(sp, ct)],
            sp.GetRequiredService<Bitrix24InstallStore>(), sp.GetRequiredService<IBitrix24Client>, sp.GetRequiredService<ILogger<Bitrix24CrmSource>>()));

        var app = builder.Build();
        await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" }));
        if (choice.Sandbox)
        {
            app.MapSandbox();
            app.Logger.LogInformation("No portal configured: serving the built-in sandbox portal at /sandbox/rest/ and syncing from it");
        }

        await app.RunAsync(cancellationToken);
        return 0;
    }

    /// <summary>The sandbox is served by this very host; its webhook URL is known once Kestrel listens.</summary>
    private static async Task<Bitrix24Portal> SandboxPortalOnSelfAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        // Quartz may fire the first pass before the server has bound its address.
        var started = new TaskCompletionSource();
        await using (services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(cancellationToken);
        }

        var address = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the web host has no address yet");
        var uri = new UriBuilder(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal));
        var options = services.GetRequiredService<IConfiguration>().GetSection("Sandbox").Get<SandboxOptions>() ?? new SandboxOptions();
        uri.Path = $"/sandbox/rest/{options.WebhookUserId}/{options.WebhookCode}/";
        return new Bitrix24Portal(PortalChoice.SandboxKey, uri.Uri, Bitrix24AuthMode.Webhook);
    }
}
