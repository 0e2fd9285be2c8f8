using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Connector.Sending.Ledger;

/// <summary>
/// Warm-up ramp for a new sending domain: on day <c>d</c> after <c>Sending:WarmUp:Start</c> at most
/// <c>Sending:WarmUp:FirstDay</c> × <c>Sending:WarmUp:Growth</c>^d messages (e.g. 1,000 × 1.4^d) leave per UTC day; the
/// rest waits for the next day (the attempt is not counted) and expires past its TTL. No start date: no ramp.
/// Per sending domain: see <see cref="WarmUpPlan"/>.
/// </summary>
public sealed record WarmUp(DateTimeOffset? Start, int FirstDay, double Growth)
{
    public static WarmUp None { get; } = new(null, 0, 1);

    /// <summary>Reads <c>Start</c>, <c>FirstDay</c> and <c>Growth</c> of one section (<c>Sending:WarmUp</c> or one of its domains).</summary>
    public static WarmUp From(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return DateTimeOffset.TryParse(section["Start"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
            ? new WarmUp(start,
                int.TryParse(section["FirstDay"], CultureInfo.InvariantCulture, out var first) && first > 0 ? first : 1000,
                double.TryParse(section["Growth"], CultureInfo.InvariantCulture, out var growth) && growth >= 1 ? growth : 1.4)
            : None;
    }

    /// <summary>Today's budget, or null when there is no ramp (or it has grown past any practical volume).</summary>
    public long? BudgetOn(DateTimeOffset now)
    {
        if (Start is not { } start)
        {
            return null;
        }

        var day = Math.Max(0, (now.UtcDateTime.Date - start.UtcDateTime.Date).Days);
        var budget = FirstDay * Math.Pow(Growth, day);
        return budget >= 100_000_000 ? null : (long)Math.Floor(budget);
    }

    public static DateTimeOffset StartOfDay(DateTimeOffset now) => new(now.UtcDateTime.Date, TimeSpan.Zero);
}
