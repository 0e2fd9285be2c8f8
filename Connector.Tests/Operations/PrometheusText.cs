using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Connector.Tests.Operations;

/// <summary>Reading Prometheus' text exposition in tests: one series' value, and scraping until a series shows up.</summary>
internal static class PrometheusText
{
    public static readonly Uri Route = new("metrics", UriKind.Relative);

    /// <summary>A series' value: <c>name{…label…} value</c> (the exporter adds otel_scope_name).</summary>
    public static double? Series(string text, string name, string? label)
    {
        foreach (var line in text.Split('\n'))
        {
            var match = Regex.Match(line, $"^{Regex.Escape(name)}(\\{{(?<labels>[^}}]*)\\}})? (?<value>[^ ]+)");
            if (match.Success && (label is null || match.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            {
                return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    public static async Task<string> ScrapeUntilAsync(HttpClient scraper, string series, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await scraper.GetAsync(Route, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK && text.Contains(series, StringComparison.Ordinal))
            {
                return text;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
