using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace Connector.Sync;

public static class SyncServiceCollectionExtensions
{
    /// <summary><c>Sync:*</c> bound and validated at start.</summary>
    public static IServiceCollection AddSyncOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncOptions>, SyncOptionsValidator>());
        return services;
    }

    public static IServiceCollection AddSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSyncOptions(configuration);
        services.AddSingleton<MirrorSync>();
        services.TryAddSingleton<PortalHealth>();
        services.AddSingleton<ChangeApplier>();
        services.AddSingleton<ChangeSignal>();
        services.TryAddSingleton<ISyncTrigger, BackgroundSyncTrigger>();
        return services;
    }

    /// <summary>
    /// The sync jobs on the host's one scheduler: incremental every <see cref="SyncOptions.IncrementalInterval"/> (first
    /// run at start: a fresh mirror gets its full baseline), full on <see cref="SyncOptions.FullSyncCron"/>.
    /// </summary>
    public static IQuartzBuilder AddSyncJobs(this IQuartzBuilder quartz, SyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(options);
        quartz.AddJob<IncrementalSyncJob>(j => j.WithIdentity(IncrementalSyncJob.Key));
        quartz.AddTrigger(t => t.ForJob(IncrementalSyncJob.Key).WithIdentity("incremental-sync-trigger", "sync")
            .StartNow().WithSimpleSchedule(s => s.WithInterval(options.IncrementalInterval).RepeatForever()));
        quartz.AddJob<FullSyncJob>(j => j.WithIdentity(FullSyncJob.Key));
        quartz.AddTrigger(t => t.ForJob(FullSyncJob.Key).WithIdentity("full-sync-trigger", "sync").WithCronSchedule(options.FullSyncCron));
        return quartz;
    }

    /// <summary>Sync requests (after an install) go through the scheduler's jobs instead of a background task.</summary>
    public static IServiceCollection UseQuartzSyncTrigger(this IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<ISyncTrigger, QuartzSyncTrigger>());

    /// <summary>The background processor that applies stored CRM changes (events) to the mirror.</summary>
    public static IServiceCollection AddChangeProcessing(this IServiceCollection services)
    {
        services.AddHostedService<ChangeInboxProcessor>();
        return services;
    }
}
