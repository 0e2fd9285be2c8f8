using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Connector.Sending.Ledger;

/// <summary>
/// Paces sending: <c>Smtp:MessagesPerSecond</c> for the transport, and per recipient domain from
/// <c>Sending:DomainRates:DOMAIN</c> (messages/s, e.g. <c>gmail.com=10</c>, <c>mail.ru=5</c>). Each limit hands out evenly
/// spaced slots; a caller waits for its slot on the <see cref="TimeProvider"/>. Connections per transport are capped by
/// <c>Smtp:MaxConnections</c> in the transport's pool.
/// </summary>
public sealed class RateLimits(double transportPerSecond, IReadOnlyDictionary<string, double> domainPerSecond, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.OrdinalIgnoreCase);

    public static RateLimits None { get; } = new(0, new Dictionary<string, double>(), TimeProvider.System);

    public static RateLimits From(IConfiguration configuration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var domains = configuration.GetSection("Sending:DomainRates").GetChildren()
            .Where(c => double.TryParse(c.Value, CultureInfo.InvariantCulture, out var r) && r > 0)
            .ToDictionary(c => c.Key, c => double.Parse(c.Value!, CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase);
        var transport = double.TryParse(configuration["Smtp:MessagesPerSecond"], CultureInfo.InvariantCulture, out var rate) && rate > 0 ? rate : 0;
        return new RateLimits(transport, domains, time);
    }

    public async Task WaitAsync(string recipientDomain, CancellationToken cancellationToken)
    {
        if (transportPerSecond > 0)
        {
            await WaitForAsync("\u0000transport", transportPerSecond, cancellationToken);
        }

        if (domainPerSecond.TryGetValue(recipientDomain, out var perSecond))
        {
            await WaitForAsync(recipientDomain, perSecond, cancellationToken);
        }
    }

    private async Task WaitForAsync(string key, double perSecond, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(key, _ => new Slot());
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        DateTimeOffset at;
        lock (slot)
        {
            var now = time.GetUtcNow();
            at = slot.Next > now ? slot.Next : now;
            slot.Next = at + interval;
        }

        var wait = at - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private sealed class Slot
    {
        public DateTimeOffset Next { get; set; }
    }
}
