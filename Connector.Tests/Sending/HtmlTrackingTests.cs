using System.Text.RegularExpressions;
using Connector.Sending.Composing;
using Connector.Sending.Tokens;

namespace Connector.Tests.Sending;

/// <summary>Link rewriting without a regex: the same links are rewritten as the pattern it replaced would (anchors, and the VML shapes of Outlook buttons).</summary>
[CancelAfter(120_000)]
public sealed class HtmlTrackingTests
{
    private const string OldPattern = """(?<start><(?:a|v:roundrect|v:rect)\b[^>]*?\bhref\s*=\s*)(?<q>["'])(?<url>.*?)\k<q>""";

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
    [TestCase("<!--[if mso]><v:roundrect xmlns:v=\"urn:schemas-microsoft-com:vml\" href=\"https://shop.example.com/b\" arcsize=\"10%\"><center>Buy</center></v:roundrect><![endif]--><a href=\"https://shop.example.com/b\">Buy</a>", 2)]
    [TestCase("<V:RECT href='https://shop.example.com/r'></V:RECT><v:rectangle href=\"https://shop.example.com/no\"><v:oval href=\"https://shop.example.com/no\"><v:", 1)]
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

    [TestCase("see https://shop.example.com/p/1 now", 1)]
    [TestCase("HTTPS://Shop.Example.com/A and http://shop.example.com/b.", 2)]
    [TestCase("(https://shop.example.com/p/1) <http://shop.example.com/2> \"https://shop.example.com/3\" 'http://x.example/4'", 4)]
    [TestCase("httphttp://shop.example.com/ httpss://no https:// http:/ ftp://no", 1)]
    [TestCase("https://t.example.com/t/u/TOKEN stays, https://shop.example.com/\thttps://shop.example.com/x\u00a0y", 2)]
    [TestCase("Ссылка:https://магазин.example/каталог?q=1#a конец", 1)]
    [TestCase("no links at all, just http and https words", 0)]
    public void ApplyToText_RewritesWhatTheOldPatternMatched(string text, int tracked)
    {
        var tracking = new HtmlTracking(new TokenCodec(new byte[32]), new Uri("https://t.example.com"));
        var result = tracking.ApplyToText(text, new MessageRef(7, 9));
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(OldTextRewrite(tracking, text)));
            Assert.That(Regex.Count(result, "https://t\\.example\\.com/t/c/"), Is.EqualTo(tracked));
        });
    }

    [Test]
    public void ApplyToText_AgreesWithTheOldPatternOnRandomText()
    {
        var tracking = new HtmlTracking(new TokenCodec(new byte[32]), new Uri("https://t.example.com"));
        string[] pieces = ["http", "https", "HTTP", "s", "://", ":/", "/", "shop.example.com", "p?a=1&b=2", " ", "\t", "\n", "(", ")", "<", ">", "\"", "'", "x", "é", "\u00a0"];
        var random = new Random(20261203);
        for (var i = 0; i < 2_000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 24)).Select(_ => pieces[random.Next(pieces.Length)]));
            Assert.That(tracking.ApplyToText(text, new MessageRef(7, 9)), Is.EqualTo(OldTextRewrite(tracking, text)), text);
        }
    }

    // What ApplyToText did with a regex before it was a scan.
    private static string OldTextRewrite(HtmlTracking tracking, string text) =>
        Regex.Replace(text, """https?://[^\s()<>"']+""", m =>
            Uri.TryCreate(m.Value, UriKind.Absolute, out var target) && target.Scheme is "http" or "https" && !m.Value.StartsWith("https://t.example.com/t/", StringComparison.OrdinalIgnoreCase)
                ? TrackedUrl(tracking, new MessageRef(7, 9), target)
                : m.Value, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // Tokens are deterministic for (kind, message, target), so the expected URL can be made the same way.
    private static string TrackedUrl(HtmlTracking tracking, MessageRef reference, Uri target) =>
        tracking.Url("c", new TokenCodec(new byte[32]).Create(TokenKind.Click, reference, target.AbsoluteUri));

    private static string StripPixel(string html) => Regex.Replace(html, "<img src=\"https://t\\.example\\.com/t/o/[^\"]+\"[^>]*>", "");
}
