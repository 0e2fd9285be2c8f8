using Connector.Sync;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Operations.Health;

/// <summary>
/// The readiness checks of <c>/healthz/ready</c>: the store always; in a serving host also the scheduler, the sync age
/// (when this host schedules syncs) and the SMTP relays (when any is configured).
/// </summary>
public static class HealthServiceCollectionExtensions
{
    public static IServiceCollection AddHealthOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>());
        return services;
    }

    public static IServiceCollection AddReadiness(this IServiceCollection services, IConfiguration configuration, bool serving)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<ReadinessReport>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, StoreReadinessCheck>());
        if (!serving)
        {
            return services;
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, SchedulerReadinessCheck>());
        if ((configuration.GetSection(SyncOptions.Section).Get<SyncOptions>() ?? new SyncOptions()).JobsEnabled)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, SyncAgeReadinessCheck>());
        }

        var relays = SmtpRelay.From(configuration);
        if (relays.Count > 0)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, SmtpReadinessCheck>(sp =>
                new SmtpReadinessCheck(relays, sp.GetRequiredService<IOptions<HealthOptions>>(), sp.GetRequiredService<TimeProvider>())));
        }

        return services;
    }
}
