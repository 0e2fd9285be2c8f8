using Microsoft.Extensions.Logging;

namespace Connector.Sync;

/// <summary>The trigger when Quartz jobs are off (Sync:JobsEnabled=false): runs the full pass on the thread pool.</summary>
public sealed class BackgroundSyncTrigger(MirrorSync sync, ILogger<BackgroundSyncTrigger> logger) : ISyncTrigger
{
    public Task TriggerFullAsync(string portalKey, CancellationToken cancellationToken)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await sync.RunAsync(portalKey, SyncMode.Full, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Full sync of {Portal} failed", portalKey);
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }
}
