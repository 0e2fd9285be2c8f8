namespace Connector.Sending.Profiling;

/// <summary>
/// The garbage collector's share of a send (<c>Sending:Profile=true</c>): collections per generation, the time the
/// process was paused for them, and the bytes allocated, per message. With workstation GC a collection stops every
/// thread while one core works, so on 2 cores its pauses leave the other core idle.
/// </summary>
public sealed record GcDuringSend(int Gen0, int Gen1, int Gen2, double PauseMilliseconds, long AllocatedBytes)
{
    /// <summary>The process's figures so far, to subtract later with <see cref="Since"/>.</summary>
    public static GcDuringSend Now() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalMilliseconds, GC.GetTotalAllocatedBytes());

    /// <summary>What happened between <paramref name="start"/> (an earlier <see cref="Now"/>) and now.</summary>
    public static GcDuringSend Since(GcDuringSend start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var now = Now();
        return new(now.Gen0 - start.Gen0, now.Gen1 - start.Gen1, now.Gen2 - start.Gen2, now.PauseMilliseconds - start.PauseMilliseconds, now.AllocatedBytes - start.AllocatedBytes);
    }

    /// <summary>For the JSON summary: counts, pause, and per message the pause (ms) and the allocation (KB).</summary>
    public IReadOnlyDictionary<string, double> PerMessage(long messages) => new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["gen0"] = Gen0,
        ["gen1"] = Gen1,
        ["gen2"] = Gen2,
        ["pause_ms"] = Math.Round(PauseMilliseconds, 1),
        ["pause_ms_per_message"] = messages > 0 ? Math.Round(PauseMilliseconds / messages, 4) : 0,
        ["allocated_kb_per_message"] = messages > 0 ? Math.Round(AllocatedBytes / 1024.0 / messages, 1) : 0,
    };
}
