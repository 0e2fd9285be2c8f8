using System.Text.RegularExpressions;
using Connector.Sending.Composing;
using Connector.Sending.Tokens;

namespace Connector.Tests.Sending;

/// <summary>Link rewriting without a regex: the same links are rewritten as the pattern it replaced would.</summary>
[CancelAfter(120_000)]
public sealed class HtmlTrackingTests
{
    private const string OldPattern = """(?<start><a\b[^>]*?\bhref\s*=\s*)(?<q>["'])(?<url>.*?)\k<q>""";

    [TestCase("<a href=\"https://shop.example.com/p/1\">x</a>", 1)]
    [TestCase("<A HREF='https://shop.example.com/p/1'>x</A>", 1)]
    [TestCase("<a class=\"b\" href = \"https://shop.example.com/?a=1&amp;b=2\" target=\"_blank\">x</a>", 1)]
    [TestCase("<abbr href=\"https://shop.example.com/\">no</abbr><area href=\"https://shop.example.com/\">", 0)]
    [TestCase("<a hreflang=\"ru\" href=\"https://shop.example.com/ru\">x</a>", 1)]
    [TestCase("<a data-x=\">\" href=\"https://shop.example.com/\">x</a>", 0)]
    [TestCase("<a href=\"mailto:a@example.com\">m</a><a href=\"https://t.example.com/t/u/TOKEN\">u</a>", 0)]
    [TestCase("<a\nhref=\"https://shop.example.com/1\">a</a><a href=\"https://shop.example.com/2\"><a href=\"http://shop.example.com/3\">", 3)]
    [TestCase("<a href=\"https://shop.example.com/unclosed>x</a>", 0)]
    [TestCase("<p>no links</p><a", 0)]
    public void ApplyToHtml_RewritesWhatTheOldPatternMatched(string html, int tracked)
    {
        var tracking = new HtmlTracking(new TokenCodec(new byte[32]), new Uri("https://t.example.com"));
        var reference = new MessageRef(7, 9);
        var result = tracking.ApplyToHtml(html, null, reference);
        var expected = Regex.Replace(html, OldPattern, m =>
        {
            var href = System.Net.WebUtility.HtmlDecode(m.Groups["url"].Value).Trim();
            var ok = Uri.TryCreate(href, UriKind.Absolute, out var target) && target.Scheme is "http" or "https" && !href.StartsWith("https://t.example.com/t/", StringComparison.OrdinalIgnoreCase);
            return ok ? $"{m.Groups["start"].Value}{m.Groups["q"].Value}{TrackedUrl(tracking, reference, target!)}{m.Groups["q"].Value}" : m.Value;
        }, RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
        Assert.Multiple(() =>
        {
            Assert.That(StripPixel(result), Is.EqualTo(expected));
            Assert.That(Regex.Count(result, "https://t\\.example\\.com/t/c/"), Is.EqualTo(tracked));
        });
    }

    // Tokens are deterministic for (kind, message, target), so the expected URL can be made the same way.
    private static string TrackedUrl(HtmlTracking tracking, MessageRef reference, Uri target) =>
        tracking.ApplyToText(target.AbsoluteUri, reference);

    private static string StripPixel(string html) => Regex.Replace(html, "<img src=\"https://t\\.example\\.com/t/o/[^\"]+\"[^>]*>", "");
}
