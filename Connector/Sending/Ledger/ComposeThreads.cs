using Connector.Sending.Threading;

namespace Connector.Sending.Ledger;

/// <summary>
/// The compose stage's <see cref="NamedThreads"/>, living as long as a send run. <see cref="RunAsync"/> runs a piece
/// of work on all of them at once. The work may block (a full hand-off channel, the store).
/// <para>
/// They run <see cref="Nice"/> nice steps below the process (Linux). Composing ahead is work that can wait a moment; a sender's SMTP
/// exchange cannot — while a sender (or the SMTP server on the same host) waits for a core behind a compose thread, its
/// connection idles. At equal priority the senders were preempted about three times a message and spent 14 % of the
/// send waiting for a core (the benchmark's per-thread line); lower-priority compose threads still get every core the
/// senders leave idle, so nothing is composed later than it is needed while a core is free.
/// </para>
/// </summary>
internal sealed class ComposeThreads(int count, string name) : NamedThreads(count, name, Nice)
{
    /// <summary>How many nice steps the compose threads run below the process.</summary>
    public const int Nice = 10;

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
