using Microsoft.Extensions.Logging;
using Quartz;

namespace Connector.Sync;

/// <summary>Thin Quartz shell around a full pass: nightly for every portal, and at once for a portal that just installed.</summary>
[DisallowConcurrentExecution]
public sealed class FullSyncJob(MirrorSync sync, ILogger<FullSyncJob> logger) : IJob
{
    public static readonly JobKey Key = new("full-sync", "sync");

    /// <summary>JobDataMap key: run for this portal only (a first install), else for all.</summary>
    public const string PortalKey = "portal";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (context.MergedJobDataMap.GetString(PortalKey) is { Length: > 0 } portal)
            {
                await sync.RunAsync(portal, SyncMode.Full, cancellationToken);
            }
            else
            {
                await sync.RunAllAsync(SyncMode.Full, null, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Full sync failed");
        }
    }
}
