using System.Collections.Concurrent;

namespace Connector.Store;

/// <summary>
/// One in-process writer at a time per store file. SQLite allows one writer anyway; a second one that finds the file
/// locked sleeps in SQLite's busy handler (1, 2, 5, 10 … ms) before it tries again, which on a hot path (two ledger
/// writes per message from several workers) costs more wall time than the writes themselves. Waiting here instead
/// wakes the next writer the moment the first is done. Other processes still meet the busy handler.
/// </summary>
public sealed class WriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _gate;

    public WriteGate(string path) => _gate = Gates.GetOrAdd(Path.GetFullPath(path), _ => new SemaphoreSlim(1, 1));

    /// <summary>
    /// Waits on the calling thread: a write holds the gate for well under a millisecond, and waiting asynchronously
    /// would move the caller to another thread-pool thread afterwards (a hop that costs more than the wait).
    /// </summary>
    public IDisposable Enter(CancellationToken cancellationToken)
    {
        _gate.Wait(cancellationToken);
        return new Release(_gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
