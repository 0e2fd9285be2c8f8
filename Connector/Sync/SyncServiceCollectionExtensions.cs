using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Connector.Sync;

public static class SyncServiceCollectionExtensions
{
    public static IServiceCollection AddSync(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SyncOptions.Section).Get<SyncOptions>() ?? new SyncOptions();
        services.AddSingleton(Options.Create(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MirrorSync>();
        services.TryAddSingleton<PortalHealth>();
        services.AddSingleton<ChangeApplier>();
        services.AddSingleton<ChangeSignal>();
        services.TryAddSingleton<ISyncTrigger, BackgroundSyncTrigger>();
        return services;
    }

    /// <summary>Incremental every <see cref="SyncOptions.IncrementalInterval"/> (first run at start: a fresh mirror gets its full baseline), full nightly.</summary>
    public static IServiceCollection AddSyncJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SyncOptions.Section).Get<SyncOptions>() ?? new SyncOptions();
        services.AddQuartz(q =>
        {
            q.AddJob<IncrementalSyncJob>(j => j.WithIdentity(IncrementalSyncJob.Key));
            q.AddTrigger(t => t.ForJob(IncrementalSyncJob.Key).WithIdentity("incremental-sync-trigger", "sync")
                .StartNow().WithSimpleSchedule(s => s.WithInterval(options.IncrementalInterval).RepeatForever()));
            q.AddJob<FullSyncJob>(j => j.WithIdentity(FullSyncJob.Key));
            q.AddTrigger(t => t.ForJob(FullSyncJob.Key).WithIdentity("full-sync-trigger", "sync").WithCronSchedule(options.FullSyncCron));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.Replace(ServiceDescriptor.Singleton<ISyncTrigger, QuartzSyncTrigger>());
        return services;
    }

    /// <summary>The background processor that applies stored CRM changes (events) to the mirror.</summary>
    public static IServiceCollection AddChangeProcessing(this IServiceCollection services)
    {
        services.AddHostedService<ChangeInboxProcessor>();
        return services;
    }
}
