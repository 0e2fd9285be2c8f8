using System.Threading.Channels;
using Connector.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Connector.Tracking.Hits;

/// <summary>
/// Group commit of tracking hits: endpoints queue a hit and await its commit; one background writer takes whatever is
/// queued (up to <c>Tracking:BatchSize</c>), writes it in one transaction through <see cref="HitStore"/> and only then
/// completes each hit's task. A busy or locked store is retried until it frees (the hits stay queued, in order); callers
/// bound their own wait (<see cref="RecordAsync(TrackingHit, TimeSpan, CancellationToken)"/>), so the pixel answers
/// anyway. A full queue refuses the hit (counted in <see cref="Dropped"/>, logged). On stop, what is queued is written first.
/// </summary>
public sealed partial class HitRecorder(SqliteConnectionFactory connections, IOptions<TrackingHitOptions> options, TimeProvider time, ILogger<HitRecorder> logger)
    : BackgroundService
{
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(50);

    private readonly Channel<PendingHit> _queue = Channel.CreateBounded<PendingHit>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
    });

    private long _dropped;
    private long _recorded;

    /// <summary>Hits refused because the queue was full or the recorder had stopped.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Hits committed since start.</summary>
    public long Recorded => Interlocked.Read(ref _recorded);

    /// <summary>Queues the hit; the task completes once its transaction committed (it may never, if the store stays locked).</summary>
    public Task<HitResult> RecordAsync(TrackingHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        Operations.Telemetry.ConnectorTelemetry.Tracked(hit.Kind.Sql());
        var pending = new PendingHit(hit, new TaskCompletionSource<HitResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_queue.Writer.TryWrite(pending))
        {
            return pending.Done.Task;
        }

        if (Interlocked.Increment(ref _dropped) % 1000 == 1)
        {
            LogDropped(Dropped);
        }

        return Task.FromResult(HitResult.Dropped);
    }

    /// <summary>Queues the hit and waits at most <paramref name="wait"/> for its commit; <see cref="HitResult.Pending"/> after that.</summary>
    public Task<HitResult> RecordAsync(TrackingHit hit, TimeSpan wait, CancellationToken cancellationToken) => WaitAsync(RecordAsync(hit), wait, cancellationToken);

    /// <summary>Waits at most <paramref name="wait"/> for a queued hit's commit; <see cref="HitResult.Pending"/> after that (the hit stays queued).</summary>
    public async Task<HitResult> WaitAsync(Task<HitResult> recording, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recording);
        try
        {
            return await recording.WaitAsync(wait, time, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            return HitResult.Pending;
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        HitStore? store = null;
        var batch = new List<PendingHit>(Math.Min(options.Value.BatchSize, 4096));
        try
        {
            // Ends when StopAsync completes the queue and everything queued is written (or the stop is cut off).
            while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
            {
                while (batch.Count < options.Value.BatchSize && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                store ??= await OpenAsync(stoppingToken);
                await WriteAsync(store, batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped while the store was locked: what was not written is not recorded.
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            foreach (var pending in batch)
            {
                pending.Done.TrySetResult(HitResult.Dropped);
            }

            LogStoppedWithHits(batch.Count);
        }
        finally
        {
            if (store is not null)
            {
                await store.DisposeAsync();
            }
        }
    }

    private async Task<HitStore> OpenAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                return await HitStore.OpenAsync(connections, options.Value, BusyTimeout, stoppingToken);
            }
            catch (SqliteException ex)
            {
                LogOpenFailed(ex.SqliteErrorCode, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }
    }

    private async Task WriteAsync(HitStore store, List<PendingHit> batch, CancellationToken stoppingToken)
    {
        var hits = batch.ConvertAll(p => p.Hit);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Complete(batch, store.Write(hits, stoppingToken));
                return;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
            {
                // SQLITE_BUSY / SQLITE_LOCKED: another writer holds the file. The hits stay queued, in order.
                if (attempt == 1 || attempt % 20 == 0)
                {
                    LogBusy(batch.Count, attempt);
                }

                await Task.Delay(RetryPause, time, stoppingToken);
            }
            catch (SqliteException ex)
            {
                // Not a lock: find the hit that fails, record the others.
                LogBatchFailed(ex.SqliteErrorCode, ex.Message);
                foreach (var pending in batch)
                {
                    try
                    {
                        Complete([pending], store.Write([pending.Hit], stoppingToken));
                    }
                    catch (SqliteException one) when (one.SqliteErrorCode is not (5 or 6))
                    {
                        LogHitFailed(one.SqliteErrorCode, pending.Hit.Kind, pending.Hit.Message.SendId);
                        pending.Done.TrySetResult(HitResult.Dropped);
                    }
                }

                return;
            }
        }
    }

    private void Complete(List<PendingHit> batch, HitResult[] results)
    {
        Interlocked.Add(ref _recorded, results.Count(r => r.Outcome == HitOutcome.Recorded));
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(results[i]);
        }
    }

    private sealed record PendingHit(TrackingHit Hit, TaskCompletionSource<HitResult> Done);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tracking: the hit queue is full; {Dropped} hits not recorded so far")]
    private partial void LogDropped(long dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tracking: the store is busy; {Count} hits wait (attempt {Attempt})")]
    private partial void LogBusy(int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tracking: cannot open the store for hits (SQLite {Code}: {Problem}); retrying")]
    private partial void LogOpenFailed(int code, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tracking: a batch of hits failed (SQLite {Code}: {Problem}); writing them one by one")]
    private partial void LogBatchFailed(int code, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tracking: a {Kind} hit of ledger row {LedgerId} could not be written (SQLite {Code})")]
    private partial void LogHitFailed(int code, HitKind kind, long ledgerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tracking: stopped while the store was locked; {Count} queued hits not recorded")]
    private partial void LogStoppedWithHits(int count);
}
