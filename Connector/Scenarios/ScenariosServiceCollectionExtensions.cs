using Connector.Sending.Queue;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Connector.Scenarios;

/// <summary>
/// The Scenarios slice: e-mails fired by pipeline events. It owns the scenario tables (0021), reads the mirror's
/// transitions, creations, deals, contacts, suppressions and engagement hits, and sends only through
/// <see cref="ISendQueue"/> (registered by Sending, not here); it never talks to SMTP or the CRM.
/// </summary>
public static class ScenariosServiceCollectionExtensions
{
    public static IServiceCollection AddScenariosOptions(this IServiceCollection services)
    {
        services.AddOptions<ScenariosOptions>().BindConfiguration(ScenariosOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScenariosOptions>, ScenariosOptionsValidator>());
        return services;
    }

    public static IServiceCollection AddScenarios(this IServiceCollection services)
    {
        services.AddScenariosOptions();
        services.TryAddSingleton<ScenarioStore>();
        services.TryAddSingleton<EnrollmentStore>();
        services.TryAddSingleton<ScenarioTemplates>();
        services.TryAddSingleton<ScenarioValidator>();
        services.TryAddSingleton<ScenarioImporter>();
        services.TryAddSingleton<ScenarioHealth>();
        services.TryAddSingleton<ScenarioLifecycle>();
        services.TryAddSingleton<ScenarioCrmSteps>();
        services.TryAddSingleton<ScenarioSegmentFacts>();
        services.TryAddSingleton<ScenarioTriggers>();
        services.TryAddSingleton<ScenarioEntries>();
        services.TryAddSingleton<RobotScenarios>();
        services.TryAddSingleton<Crm.Bitrix24.Automation.Robot.IRobotScenarios>(sp => sp.GetRequiredService<RobotScenarios>());
        // Resolved only where a send queue is hosted (the job checks first), so a CLI verb composes without one.
        services.TryAddSingleton(sp => new ScenarioDispatcher(
            sp.GetRequiredService<EnrollmentStore>(), sp.GetRequiredService<ScenarioStore>(), sp.GetRequiredService<ISendQueue>(), sp.GetRequiredService<ScenarioCrmSteps>(), sp.GetRequiredService<ScenarioSegmentFacts>(),
            sp.GetRequiredService<IOptions<ScenariosOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ScenarioDispatcher>>()));
        return services;
    }

    public static IQuartzBuilder AddScenarioJobs(this IQuartzBuilder quartz, ScenariosOptions options)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(options);
        quartz.AddJob<ScenarioDispatchJob>(j => j.WithIdentity(ScenarioDispatchJob.Key));
        quartz.AddTrigger(t => t.ForJob(ScenarioDispatchJob.Key).WithIdentity("scenario-dispatch-trigger", "scenarios")
            .StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(options.IntervalSeconds)).RepeatForever()));
        return quartz;
    }
}
