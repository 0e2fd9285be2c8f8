using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Connector.Crm.Bitrix24;

/// <summary>
/// Client-side copy of the portal's leaky bucket (limits.md): each request adds 1, the level drains at the plan's
/// rate, and a request may go only while level + 1 ≤ burst − headroom, so the connector never provokes QUERY_LIMIT_EXCEEDED.
/// Reservations are taken in arrival order: a caller adds its 1 at once and waits until the level has drained to burst.
/// </summary>
public sealed class Bitrix24LeakyBucket(TimeProvider timeProvider, IOptions<Bitrix24ClientOptions> options)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public void SetPlan(string portalKey, Bitrix24Plan plan)
    {
        var bucket = For(portalKey);
        lock (bucket)
        {
            Drain(bucket);
            bucket.Plan = plan;
        }
    }

    public Bitrix24Plan PlanFor(string portalKey) => For(portalKey).Plan;

    /// <summary>Each portal's requests that may go now without waiting (burst − headroom − level, not below 0), for the metrics exporter.</summary>
    public IReadOnlyList<(string Portal, double Remaining)> Budgets() => _buckets.Select(pair =>
    {
        lock (pair.Value)
        {
            Drain(pair.Value);
            return (pair.Key, Math.Max(0, pair.Value.Plan.Burst - options.Value.BurstHeadroom - pair.Value.Level));
        }
    }).ToList();

    /// <summary>Takes a place for one request and returns how long to wait before sending it.</summary>
    public TimeSpan Reserve(string portalKey)
    {
        var bucket = For(portalKey);
        lock (bucket)
        {
            Drain(bucket);
            bucket.Level += 1;
            var excess = bucket.Level - (bucket.Plan.Burst - options.Value.BurstHeadroom);
            return excess <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(excess / bucket.Plan.DrainPerSecond);
        }
    }

    /// <summary>Gives back a reservation whose request was never sent (cancelled while waiting).</summary>
    public void Release(string portalKey)
    {
        var bucket = For(portalKey);
        lock (bucket)
        {
            Drain(bucket);
            bucket.Level = Math.Max(0, bucket.Level - 1);
        }
    }

    /// <summary>After 503 QUERY_LIMIT_EXCEEDED the server's bucket is full (other apps on the IP share it).</summary>
    public void MarkFull(string portalKey)
    {
        var bucket = For(portalKey);
        lock (bucket)
        {
            Drain(bucket);
            bucket.Level = Math.Max(bucket.Level, bucket.Plan.Burst);
        }
    }

    private Bucket For(string portalKey) =>
        _buckets.GetOrAdd(portalKey, _ => new Bucket(options.Value.DefaultPlan, timeProvider.GetUtcNow()));

    private void Drain(Bucket bucket)
    {
        var now = timeProvider.GetUtcNow();
        var elapsed = (now - bucket.Updated).TotalSeconds;
        if (elapsed > 0)
        {
            bucket.Level = Math.Max(0, bucket.Level - (elapsed * bucket.Plan.DrainPerSecond));
            bucket.Updated = now;
        }
    }

    private sealed class Bucket(Bitrix24Plan plan, DateTimeOffset updated)
    {
        public Bitrix24Plan Plan { get; set; } = plan;

        public DateTimeOffset Updated { get; set; } = updated;

        public double Level { get; set; }
    }
}
