namespace Connector.Sandbox.Limits;

/// <summary>
/// The per-portal request-intensity limit (limits.md): a counter that drains continuously at Y per second;
/// a request that would lift it above X is refused with 503 QUERY_LIMIT_EXCEEDED and leaves it unchanged.
/// Not thread-safe: the portal calls it under its lock.
/// </summary>
public sealed class SandboxLeakyBucket(double drainPerSecond, double burst, TimeProvider timeProvider)
{
    private double _level;
    private long _lastTimestamp = timeProvider.GetTimestamp();

    public double Level => _level;

    public bool TryAcquire()
    {
        var now = timeProvider.GetTimestamp();
        var elapsed = timeProvider.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
        _lastTimestamp = now;
        _level = Math.Max(0, _level - (elapsed * drainPerSecond));
        if (_level + 1 > burst)
        {
            return false;
        }

        _level += 1;
        return true;
    }
}
