using System.Collections.Concurrent;

namespace Connector.Crm.Bitrix24;

/// <summary>Process-wide counters per portal key, read as <see cref="Bitrix24Counters"/> snapshots.</summary>
public sealed class Bitrix24Meters
{
    private readonly ConcurrentDictionary<string, Meter> _meters = new(StringComparer.Ordinal);

    public Bitrix24Counters Snapshot(string portalKey) => For(portalKey).Snapshot();

    /// <summary>Every portal seen so far with its counters (for the metrics exporter).</summary>
    public IReadOnlyList<(string Portal, Bitrix24Counters Counters)> All() => _meters.Select(m => (m.Key, m.Value.Snapshot())).ToList();

    public void Request(string portalKey) => Interlocked.Increment(ref For(portalKey).Requests);

    public void RateLimited(string portalKey) => Interlocked.Increment(ref For(portalKey).RateLimited503);

    public void Retry(string portalKey) => Interlocked.Increment(ref For(portalKey).Retries);

    public void OperatingLimited(string portalKey) => Interlocked.Increment(ref For(portalKey).OperatingLimit429);

    public void LimiterWaited(string portalKey, TimeSpan wait) => Interlocked.Add(ref For(portalKey).LimiterWaitTicks, wait.Ticks);

    private Meter For(string portalKey) => _meters.GetOrAdd(portalKey, _ => new Meter());

    // Fields, not properties: Interlocked needs refs.
    private sealed class Meter
    {
        public long Requests;
        public long RateLimited503;
        public long Retries;
        public long OperatingLimit429;
        public long LimiterWaitTicks;

        public Bitrix24Counters Snapshot() => new(
            Interlocked.Read(ref Requests),
            Interlocked.Read(ref RateLimited503),
            Interlocked.Read(ref Retries),
            Interlocked.Read(ref OperatingLimit429),
            TimeSpan.FromTicks(Interlocked.Read(ref LimiterWaitTicks)));
    }
}
