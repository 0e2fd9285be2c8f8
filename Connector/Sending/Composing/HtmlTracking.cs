using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Connector.Sending.Tokens;

namespace Connector.Sending.Composing;

/// <summary>
/// Rewrites every http(s) link of a letter to <c>{Tracking:BaseUrl}/t/c/TOKEN</c> (the token carries the target, signed),
/// in the HTML (<c>a href</c>, and the <c>href</c> of the VML shapes that draw a bulletproof button for Outlook on
/// Windows, <c>v:roundrect</c> and <c>v:rect</c>, inside their <c>&lt;!--[if mso]&gt;</c> comment) and in the text part (bare URLs), adds the hidden preheader after <c>&lt;body&gt;</c> and
/// the open pixel <c>/t/o/TOKEN</c> before <c>&lt;/body&gt;</c> — each unless switched off (<c>Tracking:Opens</c>,
/// <c>Tracking:Clicks</c>, or the portal's own switch). Links already on the tracking host stay as they are.
/// Works on the markup as text (no DOM per message): the HTML comes from our own renderer or an author's template.
/// </summary>
public sealed partial class HtmlTracking(TokenCodec tokens, Uri baseUrl)
{
    private static readonly string[] VmlLinkShapes = ["roundrect", "rect"];

    private readonly string _base = baseUrl.AbsoluteUri.TrimEnd('/');

    /// <summary>The letter's HTML with its links tracked (unless <paramref name="clicks"/> is false), the preheader, and the pixel (unless <paramref name="opens"/> is false).</summary>
    public string ApplyToHtml(string html, string? preheader, MessageRef message, bool opens = true, bool clicks = true)
    {
        ArgumentNullException.ThrowIfNull(html);
        var rewritten = clicks ? RewriteAnchors(html, message) : html;
        var text = new StringBuilder(rewritten.Length + 512);
        var body = Body().Match(rewritten);
        var insertAt = body.Success ? body.Index + body.Length : 0;
        text.Append(rewritten, 0, insertAt);
        if (!string.IsNullOrWhiteSpace(preheader))
        {
            text.Append("<div style=\"display:none;max-height:0;overflow:hidden;mso-hide:all\" data-preheader=\"\">")
                .Append(WebUtility.HtmlEncode(HeaderText.OneLine(preheader))).Append("</div>");
        }

        var close = rewritten.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        var end = close >= insertAt ? close : rewritten.Length;
        text.Append(rewritten, insertAt, end - insertAt);
        if (opens)
        {
            text.Append("<img src=\"").Append(Url("o", tokens.Create(TokenKind.Open, message)))
                .Append("\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0;width:1px;height:1px\">");
        }

        text.Append(rewritten, end, rewritten.Length - end);
        return text.ToString();
    }

    // What the pattern https?://[^\s()<>"']+ (ignoring case) matched, as a scan: Regex.Replace cost about as much as
    // rewriting the HTML's anchors (perf: 4 % of composing).
    public string ApplyToText(string text, MessageRef message)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? output = null;
        var copied = 0;
        var at = 0;
        while ((at = text.IndexOf("http", at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var scheme = at + 4 < text.Length && (text[at + 4] | 0x20) == 's' ? at + 5 : at + 4;
            if (string.CompareOrdinal(text, scheme, "://", 0, 3) != 0)
            {
                at += 4;
                continue;
            }

            var end = scheme + 3;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('(' or ')' or '<' or '>' or '"' or '\''))
            {
                end++;
            }

            if (end == scheme + 3)
            {
                at = end;
                continue;
            }

            if (Track(text[at..end], message) is { } tracked)
            {
                output ??= new StringBuilder(text.Length + 1024);
                output.Append(text, copied, at - copied).Append(tracked);
                copied = end;
            }

            at = end;
        }

        return output is null ? text : output.Append(text, copied, text.Length - copied).ToString();
    }

    // What the pattern <(a|v:roundrect|v:rect)\b[^>]*?\bhref\s*=\s*(["'])(.*?)\2 matched, as a scan: the first href of
    // each such tag (before the tag's first '>'), quoted either way. A regex pass cost about as much as the rest of composing.
    private string RewriteAnchors(string html, MessageRef message)
    {
        StringBuilder? output = null;
        var copied = 0;
        var at = 0;
        while ((at = html.IndexOf('<', at)) >= 0 && at + 2 < html.Length)
        {
            var tagStart = at++;
            if (LinkTagNameEnd(html, tagStart + 1) is not { } nameEnd)
            {
                continue;
            }

            var tagEnd = html.IndexOf('>', tagStart);
            if (tagEnd < 0 || FindHref(html, nameEnd, tagEnd) is not ({ } open, { } close))
            {
                continue;
            }

            var value = html[(open + 1)..close];
            if (Track(WebUtility.HtmlDecode(value).Trim(), message) is { } tracked)
            {
                output ??= new StringBuilder(html.Length + 4096);
                output.Append(html, copied, open + 1 - copied).Append(tracked);
                copied = close;
            }

            at = close + 1;
        }

        return output is null ? html : output.Append(html, copied, html.Length - copied).ToString();
    }

    // Where the name of a tag that links ends (a, v:roundrect, v:rect; any case), or null for any other tag.
    private static int? LinkTagNameEnd(string html, int name)
    {
        if ((html[name] | 0x20) == 'a')
        {
            return IsWordChar(html[name + 1]) ? null : name + 1;
        }

        if ((html[name] | 0x20) != 'v' || html[name + 1] != ':')
        {
            return null;
        }

        foreach (var shape in VmlLinkShapes)
        {
            var end = name + 2 + shape.Length;
            if (end < html.Length && string.Compare(html, name + 2, shape, 0, shape.Length, StringComparison.OrdinalIgnoreCase) == 0 && !IsWordChar(html[end]))
            {
                return end;
            }
        }

        return null;
    }

    // The quotes around the first href value inside html[from, tagEnd): "href", optional spaces, '=', spaces, a quote.
    private static (int? Open, int? Close) FindHref(string html, int from, int tagEnd)
    {
        for (var i = html.IndexOf("href", from, tagEnd - from, StringComparison.OrdinalIgnoreCase); i >= 0;
             i = i + 4 < tagEnd ? html.IndexOf("href", i + 1, tagEnd - i - 1, StringComparison.OrdinalIgnoreCase) : -1)
        {
            if (IsWordChar(html[i - 1]))
            {
                continue;
            }

            var j = i + 4;
            while (j < html.Length && char.IsWhiteSpace(html[j]))
            {
                j++;
            }

            if (j >= html.Length || html[j] != '=')
            {
                continue;
            }

            j++;
            while (j < html.Length && char.IsWhiteSpace(html[j]))
            {
                j++;
            }

            if (j < html.Length && html[j] is '"' or '\'' && html.IndexOf(html[j], j + 1) is var close and >= 0)
            {
                return (j, close);
            }
        }

        return (null, null);
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    public string Url(string kind, string token) => $"{_base}/t/{kind}/{token}";

    private string? Track(string href, MessageRef message) =>
        Uri.TryCreate(href, UriKind.Absolute, out var target) && target.Scheme is "http" or "https"
        && !href.StartsWith(_base + "/t/", StringComparison.OrdinalIgnoreCase)
            ? Url("c", tokens.Create(TokenKind.Click, message, target.AbsoluteUri))
            : null;

    [GeneratedRegex(@"<body\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Body();
}
