namespace Connector.Sending.Ledger;

/// <summary>
/// Runs a piece of work for each item of a list on a few dedicated threads, named <c>NAME-0</c>, <c>NAME-1</c>… (so
/// <c>top -H</c> and <c>ps -L</c> show them), each taking the next item in turn. The work may block (a full hand-off
/// channel, the store): these are not thread-pool threads. The task ends when every thread has ended: faulted with the
/// first exception (<paramref name="stop"/> is cancelled, so the other threads stop before their next item), cancelled when <paramref name="stop"/> fired,
/// else completed; its continuations never run on these threads.
/// </summary>
internal static class ComposeThreads
{
    public static Task RunAsync<T>(IReadOnlyList<T> items, int threads, string name, Action<T> work, CancellationTokenSource stop)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(stop);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var count = Math.Clamp(threads, 1, Math.Max(1, items.Count));
        var token = stop.Token;
        var next = -1;
        var running = count;
        Exception? failure = null;
        for (var i = 0; i < count; i++)
        {
            new Thread(() =>
            {
                try
                {
                    int index;
                    while (!token.IsCancellationRequested && (index = Interlocked.Increment(ref next)) < items.Count)
                    {
                        work(items[index]);
                    }
                }
                catch (Exception ex)
                {
                    if (Interlocked.CompareExchange(ref failure, ex, null) is null && !token.IsCancellationRequested)
                    {
                        try
                        {
                            stop.Cancel();
                        }
                        catch (ObjectDisposedException)
                        {
                            // The caller has gone already.
                        }
                    }
                }
                finally
                {
                    if (Interlocked.Decrement(ref running) == 0)
                    {
                        if (Volatile.Read(ref failure) is { } first && (first is not OperationCanceledException || !token.IsCancellationRequested))
                        {
                            done.SetException(first);
                        }
                        else if (token.IsCancellationRequested)
                        {
                            done.SetCanceled(token);
                        }
                        else
                        {
                            done.SetResult();
                        }
                    }
                }
            }) { IsBackground = true, Name = $"{name}-{i}" }.Start();
        }

        return done.Task;
    }
}
