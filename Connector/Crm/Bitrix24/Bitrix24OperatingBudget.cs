using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Connector.Crm.Bitrix24;

/// <summary>
/// Tracks <c>time.operating</c> per portal and method (limits.md, JS SDK operating limiter). Past 80 % of the
/// limit a method is slowed by 1 % of the time left to <c>operating_reset_at</c> (at most 7 s); after 429
/// OPERATION_TIME_LIMIT it is blocked until the reset the 429 itself names (else the last one seen, else +60 s),
/// never longer than the 10-minute window. Other methods are not affected.
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

    /// <summary>
    /// Blocks a method after 429 OPERATION_TIME_LIMIT. The wait comes from <paramref name="answered"/>, the 429's own
    /// <c>time</c>, when it carries <c>operating_reset_at</c> (measured against its <c>finish</c>, the portal's clock);
    /// else from the last reset seen, else <see cref="Bitrix24ClientOptions.OperatingBlockFallback"/>. Always between
    /// <see cref="Bitrix24ClientOptions.OperatingBlockMinimum"/> and <see cref="Bitrix24ClientOptions.OperatingWindow"/>.
    /// </summary>
    public void Block(string portalKey, string method, Bitrix24Time? answered = null)
    {
        var state = For(portalKey, method);
        var now = timeProvider.GetUtcNow();
        var settings = options.Value;
        lock (state)
        {
            TimeSpan wait;
            if (answered?.OperatingResetAt is { } resetAt)
            {
                var portalNow = answered.Finish > 0 ? answered.Finish : now.ToUnixTimeMilliseconds() / 1000.0;
                wait = TimeSpan.FromSeconds(resetAt - portalNow);
            }
            else
            {
                wait = state.ResetAt is { } reset && reset > now ? reset - now : settings.OperatingBlockFallback;
            }

            wait = wait < settings.OperatingBlockMinimum ? settings.OperatingBlockMinimum
                : wait > settings.OperatingWindow ? settings.OperatingWindow
                : wait;
            state.BlockedUntil = now + wait;
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
