using System.Collections.Concurrent;

namespace Connector.Sending.Ledger;

/// <summary>
/// A few dedicated threads, named <c>NAME-0</c>, <c>NAME-1</c>… (so <c>top -H</c> and <c>ps -L</c> show them), that
/// live as long as a send run. <see cref="RunAsync"/> runs a piece of work on all of them at once. The work may block (a full hand-off channel, the store): these are not
/// thread-pool threads.
/// </summary>
internal sealed class ComposeThreads : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread[] _threads;

    public ComposeThreads(int count, string name)
    {
        Count = Math.Max(1, count);
        _threads = Enumerable.Range(0, Count).Select(i => new Thread(Loop) { IsBackground = true, Name = $"{name}-{i}" }).ToArray();
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    public int Count { get; }

    /// <summary>
    /// Runs <paramref name="work"/> once on every thread at once (it loops over its items itself). The task ends when
    /// all have returned: faulted with the first exception (<paramref name="stop"/> is then cancelled, so the others can
    /// stop early), cancelled when <paramref name="stop"/> fired, else completed; its continuations never run on these threads.
    /// </summary>
    public Task RunAsync(Action work, CancellationTokenSource stop)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(stop);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var token = stop.Token;
        var running = Count;
        Exception? failure = null;
        for (var i = 0; i < Count; i++)
        {
            _work.Add(() =>
            {
                try
                {
                    work();
                }
                catch (Exception ex)
                {
                    if (Interlocked.CompareExchange(ref failure, ex, null) is null && !token.IsCancellationRequested)
                    {
                        stop.Cancel();
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
            });
        }

        return done.Task;
    }

    /// <summary>Lets queued work finish and the threads end.</summary>
    public void Dispose()
    {
        _work.CompleteAdding();
        var joined = true;
        foreach (var thread in _threads)
        {
            joined &= thread == Thread.CurrentThread || thread.Join(TimeSpan.FromSeconds(30));
        }

        if (joined && !_threads.Contains(Thread.CurrentThread))
        {
            _work.Dispose();
        }
    }

    private void Loop()
    {
        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
    }
}
