namespace Connector.Sandbox.Limits;

/// <summary>
/// The operating (resource) limit (limits.md): each method's execution time is summed in 10 one-minute baskets;
/// while the sum is over the limit the method answers 429 OPERATION_TIME_LIMIT until the oldest basket drops out.
/// <c>operating</c> is the current sum, <c>operating_reset_at</c> the unix time the oldest basket expires.
/// Not thread-safe: the portal calls it under its lock.
/// </summary>
public sealed class SandboxOperatingMeter(double limitSeconds)
{
    private const int Baskets = 10;
    private readonly Dictionary<string, SortedDictionary<long, double>> _perMethod = new(StringComparer.Ordinal);

    public bool IsBlocked(string method, DateTimeOffset now) => Operating(method, now) > limitSeconds;

    public void Charge(string method, DateTimeOffset now, double seconds)
    {
        var baskets = GetBaskets(method, now);
        var minute = MinuteOf(now);
        baskets[minute] = baskets.GetValueOrDefault(minute) + seconds;
    }

    public double Operating(string method, DateTimeOffset now) => GetBaskets(method, now).Values.Sum();

    public long ResetAt(string method, DateTimeOffset now)
    {
        var baskets = GetBaskets(method, now);
        var oldest = baskets.Count > 0 ? baskets.Keys.First() : MinuteOf(now);
        return (oldest + Baskets) * 60;
    }

    private SortedDictionary<long, double> GetBaskets(string method, DateTimeOffset now)
    {
        if (!_perMethod.TryGetValue(method, out var baskets))
        {
            baskets = [];
            _perMethod[method] = baskets;
        }

        var expired = MinuteOf(now) - Baskets;
        foreach (var minute in baskets.Keys.Where(m => m <= expired).ToList())
        {
            baskets.Remove(minute);
        }

        return baskets;
    }

    private static long MinuteOf(DateTimeOffset now) => now.ToUnixTimeSeconds() / 60;
}
