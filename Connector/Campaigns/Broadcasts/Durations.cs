using System.Globalization;
using System.Text.RegularExpressions;

namespace Connector.Campaigns.Broadcasts;

/// <summary>A duration as the CLI takes it: <c>30m</c>, <c>4h</c>, <c>2d</c>, or a .NET TimeSpan (<c>1.12:00:00</c>).</summary>
public static partial class Durations
{
    public static TimeSpan? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (Short().Match(text.Trim()) is { Success: true } m)
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch { "s" => TimeSpan.FromSeconds(n), "m" => TimeSpan.FromMinutes(n), "h" => TimeSpan.FromHours(n), _ => TimeSpan.FromDays(n) };
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span : null;
    }

    [GeneratedRegex(@"^(\d{1,6}(?:\.\d{1,3})?)([smhd])$")]
    private static partial Regex Short();
}
