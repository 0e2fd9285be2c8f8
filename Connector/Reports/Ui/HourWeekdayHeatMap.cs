using System.Globalization;

namespace Connector.Reports.Ui;

/// <summary>Human opens by weekday (rows, Monday first) and hour (columns, 0–23) in a time zone.</summary>
public sealed record HourWeekdayHeatMap(ReportZone Zone, IReadOnlyList<IReadOnlyList<long>> Opens)
{
    public static HourWeekdayHeatMap Build(IEnumerable<OpenMinuteRow> minutes, TimeZoneInfo zone, ReportZone view)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        ArgumentNullException.ThrowIfNull(zone);
        var cells = Enumerable.Range(0, 7).Select(_ => new long[24]).ToArray();
        foreach (var m in minutes)
        {
            if (!DateTime.TryParseExact(m.Minute, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
            {
                continue;
            }

            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
            var day = ((int)local.DayOfWeek + 6) % 7;
            cells[day][local.Hour] += m.Opens;
        }

        return new HourWeekdayHeatMap(view, cells.Select(r => (IReadOnlyList<long>)r).ToList());
    }
}
