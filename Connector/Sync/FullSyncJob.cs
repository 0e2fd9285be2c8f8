using Microsoft.Extensions.Logging;
using Quartz;

namespace Connector.Sync;

/// <summary>Thin Quartz shell around a full pass (nightly, and once at start when the mirror has no baseline).</summary>
[DisallowConcurrentExecution]
public sealed class FullSyncJob(MirrorSync sync, ILogger<FullSyncJob> logger) : IJob
{
    public static readonly JobKey Key = new("full-sync", "sync");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await sync.RunAsync(SyncMode.Full, null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Full sync failed");
        }
    }
}
