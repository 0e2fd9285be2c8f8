using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Connector.Sync;

/// <summary>
/// Drains the change inbox in the background: wakes on a signal (or every few seconds), waits until the events stop
/// coming for a moment (at most a second) so a burst coalesces into few reads, then applies every portal's pending
/// changes side by side; a failing portal backs off alone.
/// </summary>
public sealed class ChangeInboxProcessor(ChangeApplier applier, IChangeInbox inbox, ChangeSignal signal, TimeProvider timeProvider, ILogger<ChangeInboxProcessor> logger)
    : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxGather = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<long, (DateTimeOffset Until, TimeSpan Delay)> _backoff = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(Poll, stoppingToken);
                var gathering = timeProvider.GetTimestamp();
                while (await signal.WaitAsync(Quiet, stoppingToken) && timeProvider.GetElapsedTime(gathering) < MaxGather)
                {
                    // Still arriving: keep gathering.
                }

                var portals = await inbox.PortalsWithPendingAsync(stoppingToken);
                await Task.WhenAll(portals.Where(Due).Select(p => ApplyAsync(p, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The change inbox round failed");
            }
        }
    }

    private bool Due(long portalId) => !_backoff.TryGetValue(portalId, out var b) || b.Until <= timeProvider.GetUtcNow();

    private async Task ApplyAsync(long portalId, CancellationToken cancellationToken)
    {
        try
        {
            var result = await applier.ApplyPendingAsync(portalId, cancellationToken);
            if (result.Failure is null)
            {
                _backoff.TryRemove(portalId, out _);
                return;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Applying changes of portal {PortalId} failed", portalId);
        }

        var delay = _backoff.TryGetValue(portalId, out var b) ? TimeSpan.FromTicks(Math.Min(b.Delay.Ticks * 2, TimeSpan.FromMinutes(2).Ticks)) : TimeSpan.FromSeconds(5);
        _backoff[portalId] = (timeProvider.GetUtcNow() + delay, delay);
    }
}
