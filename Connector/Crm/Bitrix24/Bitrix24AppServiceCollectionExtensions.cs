using Connector.Crm.Bitrix24.Events;
using Connector.Crm.Bitrix24.Install;
using Connector.Crm.Bitrix24.Installs;
using Connector.Crm.Bitrix24.OAuth;
using Connector.Crm.Bitrix24.Placement;
using Quartz;

namespace Connector.Crm.Bitrix24;

/// <summary>The marketplace app surface: install, events, uninstall, placements, token keep-alive.</summary>
public static class Bitrix24AppServiceCollectionExtensions
{
    public static IServiceCollection AddBitrix24App(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AppOptions>(configuration.GetSection("App"));
        services.AddSingleton<Bitrix24EventAuthenticator>();
        services.AddSingleton<Bitrix24Uninstaller>();
        services.AddTransient<Bitrix24Binder>();
        services.AddTransient<Bitrix24Installer>();
        services.AddBitrix24PlacementProof();
        services.AddQuartz(q =>
        {
            q.AddJob<TokenKeepAliveJob>(j => j.WithIdentity(TokenKeepAliveJob.Key));
            q.AddTrigger(t => t.ForJob(TokenKeepAliveJob.Key).WithIdentity("token-keep-alive-trigger", "bitrix24").WithCronSchedule("0 30 4 * * ?"));
        });
        return services;
    }

    public static IEndpointRouteBuilder MapBitrix24App(this IEndpointRouteBuilder app) =>
        app.MapBitrix24Install().MapBitrix24Events().MapBitrix24Placements();
}
