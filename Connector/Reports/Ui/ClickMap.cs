using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Connector.Reports.Ui;

/// <summary>
/// The click map: a rendered letter with a badge after each link (<c>&lt;a href&gt;…&lt;/a&gt;</c>) giving its human
/// clicks and their share. The letter is shown only in a sandboxed iframe (<c>sandbox=""</c>, <c>srcdoc</c>); a badge
/// carries numbers and the link's address, HTML-encoded, and nothing else. Links are matched by their decoded
/// <c>href</c>, as the tracking slice records the original address of a click.
/// </summary>
public static partial class ClickMap
{
    public const string BadgeAttribute = "data-crmesp-clicks";

    public static string Overlay(string html, IReadOnlyList<LinkClicks> links, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(culture);
        var byUrl = links.ToDictionary(l => l.Url, StringComparer.Ordinal);
        var total = links.Sum(l => l.HumanClicks);
        var result = new StringBuilder(html.Length + 256);
        var at = 0;
        foreach (Match anchor in Anchor().Matches(html))
        {
            if (anchor.Index < at)
            {
                continue;
            }

            var close = html.IndexOf("</a>", anchor.Index + anchor.Length, StringComparison.OrdinalIgnoreCase);
            var end = close < 0 ? anchor.Index + anchor.Length : close + 4;
            result.Append(html, at, end - at);
            at = end;
            var url = WebUtility.HtmlDecode(anchor.Groups["url"].Value).Trim();
            if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var clicks = Find(byUrl, url);
            result.Append(Badge(url, clicks, total, culture));
        }

        result.Append(html, at, html.Length - at);
        return result.ToString();
    }

    /// <summary>The decoded addresses of the letter's links.</summary>
    public static HashSet<string> LinksIn(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return Anchor().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value).Trim()).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The link's clicks, matched exactly, else with or without a trailing slash.</summary>
    public static LinkClicks? Find(IReadOnlyDictionary<string, LinkClicks> byUrl, string url)
    {
        ArgumentNullException.ThrowIfNull(byUrl);
        ArgumentNullException.ThrowIfNull(url);
        if (byUrl.TryGetValue(url, out var exact))
        {
            return exact;
        }

        var other = url.EndsWith('/') ? url.TrimEnd('/') : url + "/";
        return byUrl.GetValueOrDefault(other);
    }

    private static string Badge(string url, LinkClicks? clicks, long total, CultureInfo culture)
    {
        var human = clicks?.HumanClicks ?? 0;
        var share = total == 0 ? 0 : (double)human / total;
        var text = human.ToString("N0", culture) + " · " + share.ToString("P1", culture);
        return $"<span {BadgeAttribute}=\"{human.ToString(CultureInfo.InvariantCulture)}\" title=\"{WebUtility.HtmlEncode(url)}\" "
            + "style=\"display:inline-block;margin:0 4px;padding:0 6px;border-radius:9px;background:#fff3b0;color:#222;border:1px solid #c8a400;"
            + "font:bold 11px/16px Arial,sans-serif;vertical-align:middle;white-space:nowrap\">"
            + WebUtility.HtmlEncode(text) + "</span>";
    }

    [GeneratedRegex("""<a\b[^>]*?\bhref\s*=\s*(?:"(?<url>[^"]*)"|'(?<url>[^']*)'|(?<url>[^\s>]+))[^>]*>""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Anchor();
}
