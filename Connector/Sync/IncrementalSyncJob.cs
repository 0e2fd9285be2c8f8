using Microsoft.Extensions.Logging;
using Quartz;

namespace Connector.Sync;

/// <summary>Thin Quartz shell around an incremental pass; never two at once, failures logged and recorded, not thrown.</summary>
[DisallowConcurrentExecution]
public sealed class IncrementalSyncJob(MirrorSync sync, ILogger<IncrementalSyncJob> logger) : IJob
{
    public static readonly JobKey Key = new("incremental-sync", "sync");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await sync.RunAllAsync(SyncMode.Incremental, null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Incremental sync failed");
        }
    }
}
