using Microsoft.Extensions.Configuration;

namespace Connector.Sending.Ledger;

/// <summary>
/// The "disturbance level": at most <see cref="PerDay"/> messages a rolling day and <see cref="PerWeek"/> a rolling week
/// per contact, across every campaign and scenario (<c>Sending:FrequencyCap:PerDay</c>, <c>:PerWeek</c>; 0 = no cap).
/// Transactional mail is exempt. A capped message waits (deferred, the attempt not counted) and expires past its TTL.
/// </summary>
public sealed record FrequencyCap(int PerDay, int PerWeek)
{
    public static FrequencyCap None { get; } = new(0, 0);

    public static FrequencyCap From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new FrequencyCap(
            int.TryParse(configuration["Sending:FrequencyCap:PerDay"], out var day) ? Math.Max(0, day) : 0,
            int.TryParse(configuration["Sending:FrequencyCap:PerWeek"], out var week) ? Math.Max(0, week) : 0);
    }

    /// <summary>When the contact may be mailed again, or null when it may be mailed now.</summary>
    public async Task<DateTimeOffset?> NextAllowedAsync(SendLedgerStore ledger, long contactId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        if (PerDay > 0 && await ledger.SentToContactSinceAsync(contactId, now.AddDays(-1), cancellationToken) >= PerDay)
        {
            return now.AddHours(1);
        }

        if (PerWeek > 0 && await ledger.SentToContactSinceAsync(contactId, now.AddDays(-7), cancellationToken) >= PerWeek)
        {
            return now.AddHours(6);
        }

        return null;
    }
}
