using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Connector.Sync;

/// <summary>
/// Each portal's recent sync outcome (for <c>/healthz/ready</c>) and the backoff of its failure log: the first failure
/// is logged, then at most one line per min(2^n × the incremental interval, 1 h) while it keeps failing (n = lines
/// logged so far), and one line when it recovers. A portal that keeps failing thus logs a handful of lines an hour,
/// not one a pass.
/// </summary>
public sealed class PortalHealth(IOptions<SyncOptions> options, TimeProvider timeProvider)
{
    /// <summary>The longest a failing portal stays silent.</summary>
    public static readonly TimeSpan MaxQuiet = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, State> _portals = new(StringComparer.Ordinal);

    /// <summary>Records a failed pass; the line to log, or null when the backoff keeps this one quiet.</summary>
    public string? Failed(string portal, string? error)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var now = timeProvider.GetUtcNow();
        var state = _portals.GetOrAdd(portal, _ => new State());
        lock (state)
        {
            state.FailingSince = state.ConsecutiveFailures == 0 ? now : state.FailingSince;
            state.ConsecutiveFailures++;
            state.LastFailure = now;
            state.LastError = error;
            state.Quieted++;
            if (state.NextLogAt is { } next && now < next)
            {
                return null;
            }

            var quiet = Quiet(state.Logged);
            state.Logged++;
            state.NextLogAt = now + quiet;
            var skipped = state.Quieted - 1;
            state.Quieted = 0;
            return $"Sync of {portal} failed ({state.ConsecutiveFailures} in a row{(skipped > 0 ? $", {skipped} not logged" : "")}"
                + $"{(state.LastSuccess is { } ok ? $", last success {ok:O}" : ", never succeeded")}; next line in ≥ {quiet:g} unless it recovers): {error}";
        }
    }

    /// <summary>Records a successful pass; the recovery line to log when it had been failing, else null.</summary>
    public string? Succeeded(string portal)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var now = timeProvider.GetUtcNow();
        var state = _portals.GetOrAdd(portal, _ => new State());
        lock (state)
        {
            var failures = state.ConsecutiveFailures;
            var failing = now - (state.FailingSince ?? now);
            state.LastSuccess = now;
            state.ConsecutiveFailures = 0;
            state.Logged = 0;
            state.Quieted = 0;
            state.NextLogAt = null;
            return failures == 0 ? null : $"Sync of {portal} recovered after {failures} failed passes (failing for {failing:g})";
        }
    }

    public IReadOnlyList<PortalHealthEntry> Snapshot() =>
        _portals.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p =>
        {
            lock (p.Value)
            {
                return new PortalHealthEntry(p.Key, p.Value.LastSuccess, p.Value.LastFailure, p.Value.ConsecutiveFailures, p.Value.LastError);
            }
        }).ToList();

    private TimeSpan Quiet(int logged)
    {
        var interval = options.Value.IncrementalInterval > TimeSpan.Zero ? options.Value.IncrementalInterval : TimeSpan.FromMinutes(1);
        var factor = Math.Pow(2, Math.Min(logged + 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(interval.Ticks * factor, MaxQuiet.Ticks));
    }

    private sealed class State
    {
        public DateTimeOffset? LastSuccess { get; set; }

        public DateTimeOffset? LastFailure { get; set; }

        public int ConsecutiveFailures { get; set; }

        public string? LastError { get; set; }

        public int Logged { get; set; }

        public int Quieted { get; set; }

        public DateTimeOffset? NextLogAt { get; set; }

        public DateTimeOffset? FailingSince { get; set; }
    }
}
