using Connector.Sending.Threading;

namespace Connector.Sending.Ledger;

/// <summary>
/// The compose stage's <see cref="NamedThreads"/>, living as long as a send run. <see cref="RunAsync"/> runs a piece
/// of work on all of them at once. The work may block (a full hand-off channel, the store).
/// </summary>
internal sealed class ComposeThreads(int count, string name) : NamedThreads(count, name)
{
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
            var posted = TryPost(() =>
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
            if (!posted)
            {
                throw new InvalidOperationException("the compose threads are stopped");
            }
        }

        return done.Task;
    }
}
