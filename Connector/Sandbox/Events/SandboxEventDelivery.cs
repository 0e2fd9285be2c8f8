using System.Threading.Channels;

namespace Connector.Sandbox.Events;

/// <summary>
/// The queue server: one background worker POSTs queued events form-urlencoded, each with its own timeout, and
/// only counts the outcome. "If your server does not respond or returns an error, the Bitrix24 queue server will
/// log the failure but will not resend the event" (api-reference/events/index.md), so nothing is retried.
/// </summary>
internal sealed class SandboxEventDelivery(HttpClient http, TimeSpan timeout) : IAsyncDisposable
{
    private readonly Channel<SandboxEventPost> _queue = Channel.CreateUnbounded<SandboxEventPost>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _idle = CompletedIdle();
    private Task? _worker;
    private long _pending;
    private long _queued;
    private long _delivered;
    private long _failed;
    private long _dropped;

    public SandboxEventStats Stats
    {
        get
        {
            lock (_lock)
            {
                return new SandboxEventStats(_queued, _delivered, _failed, _dropped);
            }
        }
    }

    public void Enqueue(SandboxEventPost post)
    {
        lock (_lock)
        {
            _queued++;
            if (_pending++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _worker ??= Task.Run(() => RunAsync(_stopping.Token));
        }

        _queue.Writer.TryWrite(post);
    }

    public void CountDropped()
    {
        lock (_lock)
        {
            _dropped++;
        }
    }

    /// <summary>Completes when nothing is queued and no POST is in flight.</summary>
    public Task DrainAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        if (_worker is { } worker)
        {
            await worker.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var post in _queue.Reader.ReadAllAsync(cancellationToken))
        {
            var ok = await PostAsync(post, cancellationToken);
            lock (_lock)
            {
                if (ok)
                {
                    _delivered++;
                }
                else
                {
                    _failed++;
                }

                if (--_pending == 0)
                {
                    _idle.TrySetResult();
                }
            }
        }
    }

    private async Task<bool> PostAsync(SandboxEventPost post, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var content = new FormUrlEncodedContent(post.Form);
            using var response = await http.PostAsync(post.Handler, content, timeoutSource.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    private static TaskCompletionSource CompletedIdle()
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        idle.SetResult();
        return idle;
    }
}
