namespace Connector.Sync;

/// <summary>Wakes the inbox processor when a change was stored, so events are applied within milliseconds.</summary>
public sealed class ChangeSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled by a concurrent request: one wake-up is enough.
            }
        }
    }

    /// <summary>True when signalled, false when the timeout passed first.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => await _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
