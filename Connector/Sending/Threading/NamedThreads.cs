namespace Connector.Sending.Threading;

/// <summary>
/// A few dedicated threads, named <c>NAME-0</c>, <c>NAME-1</c>… (so <c>top -H</c>, <c>ps -L</c> and the benchmark's
/// per-thread line show them), taking work items from one queue for as long as the object lives. Work may block (a
/// socket, the store, a full hand-off): these are not thread-pool threads. An idle thread sleeps on a monitor without
/// spinning first (a <c>BlockingCollection</c>'s semaphore spins with <c>sched_yield</c> before it sleeps, which on 2
/// busy cores takes CPU from the threads that have work). The base of <c>ComposeThreads</c> and <c>SmtpSendThreads</c>.
/// </summary>
internal abstract class NamedThreads : IDisposable
{
    [ThreadStatic]
    private static NamedThreads? _runningOn;

    private readonly Queue<Action> _work = new();
    private readonly Thread[] _threads;
    private bool _stopped;

    protected NamedThreads(int count, string name)
    {
        Count = Math.Max(1, count);
        _threads = Enumerable.Range(0, Count).Select(i => new Thread(Loop) { IsBackground = true, Name = $"{name}-{i}" }).ToArray();
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    public int Count { get; }

    /// <summary>The calling thread is one of these.</summary>
    protected bool OnOwnThread => _runningOn == this;

    protected bool IsStopped
    {
        get
        {
            lock (_work)
            {
                return _stopped;
            }
        }
    }

    /// <summary>Queues <paramref name="work"/> for the next free thread; false once <see cref="Dispose"/> began.</summary>
    protected bool TryPost(Action work)
    {
        lock (_work)
        {
            if (_stopped)
            {
                return false;
            }

            _work.Enqueue(work);
            Monitor.Pulse(_work);
            return true;
        }
    }

    /// <summary>
    /// Lets queued work finish and the threads end. Disposing from one of these threads itself (a caller's continuation
    /// ran there) does not wait for that thread: it ends when its current work item returns.
    /// </summary>
    public void Dispose()
    {
        lock (_work)
        {
            _stopped = true;
            Monitor.PulseAll(_work);
        }

        foreach (var thread in _threads)
        {
            if (thread != Thread.CurrentThread)
            {
                thread.Join(TimeSpan.FromSeconds(30));
            }
        }
    }

    private void Loop()
    {
        _runningOn = this;
        while (true)
        {
            Action work;
            lock (_work)
            {
                while (_work.Count == 0)
                {
                    if (_stopped)
                    {
                        return;
                    }

                    Monitor.Wait(_work);
                }

                work = _work.Dequeue();
            }

            work();
        }
    }
}
