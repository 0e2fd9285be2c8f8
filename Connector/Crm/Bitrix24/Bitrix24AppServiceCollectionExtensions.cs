using Connector.Crm.Bitrix24.Automation.Robot;
using Connector.Crm.Bitrix24.Events;
using Connector.Crm.Bitrix24.Install;
using Connector.Crm.Bitrix24.Installs;
using Connector.Crm.Bitrix24.OAuth;
using Connector.Crm.Bitrix24.Placement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace Connector.Crm.Bitrix24;

/// <summary>The marketplace app surface: install, events, uninstall, placements, token keep-alive.</summary>
public static class Bitrix24AppServiceCollectionExtensions
{
    /// <summary><c>App:*</c> bound and validated at start.</summary>
    public static IServiceCollection AddBitrix24AppOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AppOptions>().Bind(configuration.GetSection(AppOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AppOptions>, AppOptionsValidator>());
        return services;
    }

    public static IServiceCollection AddBitrix24App(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBitrix24AppOptions(configuration);
        services.AddSingleton<Bitrix24EventAuthenticator>();
        services.AddSingleton<Bitrix24Uninstaller>();
        services.AddTransient<Bitrix24Binder>();
        services.AddTransient<Bitrix24Installer>();
        services.AddTransient<Automation.Bitrix24AutomationInstaller>();
        services.TryAddSingleton<RobotCallStore>();
        services.TryAddSingleton<RobotAnswerNudge>();
        services.TryAddSingleton(sp => new Bitrix24RobotAnswers(
            sp.GetRequiredService<RobotCallStore>(), sp.GetRequiredService<IRobotScenarios>(), sp.GetRequiredService<IBitrix24Client>,
            sp.GetRequiredService<Timeline.Bitrix24TimelinePortals>(), sp.GetRequiredService<Bitrix24InstallStore>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<Bitrix24RobotAnswers>>()));
        services.AddBitrix24PlacementProof();
        return services;
    }

    /// <summary>
    /// The daily token keep-alive on the host's one scheduler (installs idle for <c>Bitrix24:IdleRefreshAfter</c>) and the
    /// robot's answers every <paramref name="robotAnswerSeconds"/> (<c>App:RobotAnswerIntervalSeconds</c>).
    /// </summary>
    public static IQuartzBuilder AddBitrix24AppJobs(this IQuartzBuilder quartz, int robotAnswerSeconds = AppOptions.DefaultRobotAnswerIntervalSeconds)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        quartz.AddJob<RobotAnswerJob>(j => j.WithIdentity(RobotAnswerJob.Key));
        quartz.AddTrigger(t => t.ForJob(RobotAnswerJob.Key).WithIdentity("robot-answers-trigger", "bitrix24")
            .StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(robotAnswerSeconds)).RepeatForever()));
        quartz.AddJob<TokenKeepAliveJob>(j => j.WithIdentity(TokenKeepAliveJob.Key));
        quartz.AddTrigger(t => t.ForJob(TokenKeepAliveJob.Key).WithIdentity("token-keep-alive-trigger", "bitrix24").WithCronSchedule("0 30 4 * * ?"));
        return quartz;
    }

    public static IEndpointRouteBuilder MapBitrix24App(this IEndpointRouteBuilder app) =>
        app.MapBitrix24Install().MapBitrix24Events().MapBitrix24Robot().MapBitrix24Placements();
}
