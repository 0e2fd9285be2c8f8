using Microsoft.Extensions.Configuration;

namespace Connector.Sending.Ledger;

/// <summary>
/// The "disturbance level": at most <see cref="PerDay"/> messages a rolling day and <see cref="PerWeek"/> a rolling week
/// per contact, across every campaign and scenario (<c>Sending:FrequencyCap:PerDay</c>, <c>:PerWeek</c>; 0 = no cap).
/// Transactional mail is exempt. A capped message waits (deferred, the attempt not counted) and expires past its TTL.
/// Checked inside the reservation transaction, counting rows already held by runners, so it holds with many workers.
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

    /// <summary>When a contact with this load (sent or held in the last day and week) may be mailed again; null = now.</summary>
    public DateTimeOffset? Blocks((long Day, long Week) load, DateTimeOffset now)
    {
        if (PerDay > 0 && load.Day >= PerDay)
        {
            return now.AddHours(1);
        }

        return PerWeek > 0 && load.Week >= PerWeek ? now.AddHours(6) : null;
    }
}
