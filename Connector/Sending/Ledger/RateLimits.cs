using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Connector.Sending.Ledger;

/// <summary>
/// Paces sending per recipient domain from <c>Sending:DomainRates:DOMAIN</c> (messages/s, e.g. <c>gmail.com=10</c>,
/// <c>mail.ru=5</c>, <c>yandex.ru=5</c>): each domain hands out evenly spaced slots on the <see cref="TimeProvider"/>.
/// Per transport, messages/s and connections are paced by the transport itself (<c>Smtp:MessagesPerSecond</c>,
/// <c>Smtp:MaxConnections</c>, and the same keys under <c>Smtp:Transports:NAME</c>).
/// </summary>
public sealed class RateLimits(IReadOnlyDictionary<string, double> domainPerSecond, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, RateSlot> _slots = new(StringComparer.OrdinalIgnoreCase);

    // No domain has a rate, so no slot is ever made and this clock is never read.
    public static RateLimits None { get; } = new(new Dictionary<string, double>(), new UnusedClock());

    public static RateLimits From(IConfiguration configuration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var domains = configuration.GetSection("Sending:DomainRates").GetChildren()
            .Where(c => double.TryParse(c.Value, CultureInfo.InvariantCulture, out var r) && r > 0)
            .ToDictionary(c => c.Key, c => double.Parse(c.Value!, CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase);
        return new RateLimits(domains, time);
    }

    private sealed class UnusedClock : TimeProvider;

    public async Task WaitAsync(string recipientDomain, CancellationToken cancellationToken)
    {
        if (domainPerSecond.TryGetValue(recipientDomain, out var perSecond))
        {
            await _slots.GetOrAdd(recipientDomain, _ => new RateSlot(perSecond, time)).WaitAsync(cancellationToken);
        }
    }
}
