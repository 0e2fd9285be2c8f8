using System.Globalization;

namespace Connector.Scenarios;

/// <summary>Durations in scenario files: <c>2d</c>, <c>12h</c>, <c>30m</c>, <c>45s</c>, or a sum such as <c>1d12h</c>.</summary>
public static class ScenarioDuration
{
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var total = TimeSpan.Zero;
        var digits = 0;
        var start = 0;
        var span = text.Trim().AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            if (char.IsAsciiDigit(span[i]))
            {
                digits++;
                continue;
            }

            if (digits == 0 || !long.TryParse(span.Slice(start, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100_000)
            {
                return null;
            }

            TimeSpan? part = span[i] switch
            {
                'd' => TimeSpan.FromDays(n),
                'h' => TimeSpan.FromHours(n),
                'm' => TimeSpan.FromMinutes(n),
                's' => TimeSpan.FromSeconds(n),
                _ => null,
            };
            if (part is null)
            {
                return null;
            }

            total += part.Value;
            digits = 0;
            start = i + 1;
        }

        return digits == 0 && start > 0 ? total : null;
    }

    public static string Format(TimeSpan value)
    {
        var parts = new List<string>();
        if (value.Days > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{value.Days}d"));
        }

        if (value.Hours > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{value.Hours}h"));
        }

        if (value.Minutes > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{value.Minutes}m"));
        }

        if (value.Seconds > 0 || parts.Count == 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{value.Seconds}s"));
        }

        return string.Concat(parts);
    }
}
