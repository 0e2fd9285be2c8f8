using Quartz;

namespace Connector.Sync;

/// <summary>Fires <see cref="FullSyncJob"/> at once for one portal (DisallowConcurrentExecution and the lease keep it single).</summary>
public sealed class QuartzSyncTrigger(ISchedulerFactory schedulers) : ISyncTrigger
{
    public async Task TriggerFullAsync(string portalKey, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(FullSyncJob.Key, new JobDataMap { [FullSyncJob.PortalKey] = portalKey }, cancellationToken);
    }
}
