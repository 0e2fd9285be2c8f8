namespace Connector.Sending.Ledger;

/// <summary>Evenly spaced slots at a rate (messages/s) on a <see cref="TimeProvider"/>; a caller waits for the slot it was given.</summary>
public sealed class RateSlot(double perSecond, TimeProvider time)
{
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(1 / perSecond);
    private readonly Lock _gate = new();
    private DateTimeOffset _next;

    /// <summary>Hands out the next slot (now, or one interval after the previous slot).</summary>
    public DateTimeOffset Reserve()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var at = _next > now ? _next : now;
            _next = at + _interval;
            return at;
        }
    }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var wait = Reserve() - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }
}
