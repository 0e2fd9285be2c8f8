using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Connector.Crm.Bitrix24;

/// <summary>
/// Tracks <c>time.operating</c> per portal and method (limits.md, JS SDK operating limiter). Past 80 % of the
/// limit a method is slowed by 1 % of the time left to <c>operating_reset_at</c> (at most 7 s); after 429
/// OPERATION_TIME_LIMIT it is blocked until that reset (or +60 s when unknown). Other methods are not affected.
/// </summary>
public sealed class Bitrix24OperatingBudget(TimeProvider timeProvider, IOptions<Bitrix24ClientOptions> options)
{
    private readonly ConcurrentDictionary<(string Portal, string Method), MethodState> _methods = new();

    public void Record(string portalKey, string method, Bitrix24Time time)
    {
        var state = For(portalKey, method);
        lock (state)
        {
            state.BlockedUntil = null;
            if (time.Operating is { } operating)
            {
                state.Operating = operating;
            }

            if (time.OperatingResetAt is { } resetAt)
            {
                state.ResetAt = DateTimeOffset.FromUnixTimeSeconds(resetAt);
            }
        }
    }

    public void Block(string portalKey, string method)
    {
        var state = For(portalKey, method);
        var now = timeProvider.GetUtcNow();
        lock (state)
        {
            state.BlockedUntil = state.ResetAt is { } reset && reset > now ? reset : now + options.Value.OperatingBlockFallback;
        }
    }

    public bool IsBlocked(string portalKey, string method)
    {
        var state = For(portalKey, method);
        lock (state)
        {
            return state.BlockedUntil is { } until && until > timeProvider.GetUtcNow();
        }
    }

    /// <summary>How long a call spending these methods' budgets should wait before it is sent.</summary>
    public TimeSpan DelayFor(string portalKey, IEnumerable<string> methods)
    {
        var delay = TimeSpan.Zero;
        foreach (var method in methods)
        {
            var d = DelayFor(For(portalKey, method));
            delay = d > delay ? d : delay;
        }

        return delay;
    }

    private TimeSpan DelayFor(MethodState state)
    {
        var now = timeProvider.GetUtcNow();
        var settings = options.Value;
        lock (state)
        {
            if (state.BlockedUntil is { } until && until > now)
            {
                return until - now;
            }

            var slowdownFrom = settings.OperatingLimit.TotalSeconds * settings.OperatingSlowdownShare;
            if (state.Operating > slowdownFrom && state.ResetAt is { } reset && reset > now)
            {
                var delay = TimeSpan.FromSeconds((reset - now).TotalSeconds * 0.01);
                return delay < settings.OperatingMaxDelay ? delay : settings.OperatingMaxDelay;
            }

            return TimeSpan.Zero;
        }
    }

    private MethodState For(string portalKey, string method) => _methods.GetOrAdd((portalKey, method), _ => new MethodState());

    private sealed class MethodState
    {
        public double? Operating { get; set; }

        public DateTimeOffset? ResetAt { get; set; }

        public DateTimeOffset? BlockedUntil { get; set; }
    }
}
