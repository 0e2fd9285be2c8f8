using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Connector.Sending.Tokens;

namespace Connector.Sending.Composing;

/// <summary>
/// Rewrites every http(s) link of a letter to <c>{Tracking:BaseUrl}/t/c/TOKEN</c> (the token carries the target, signed),
/// in the HTML (<c>a href</c>) and in the text part (bare URLs), adds the hidden preheader after <c>&lt;body&gt;</c> and
/// the open pixel <c>/t/o/TOKEN</c> before <c>&lt;/body&gt;</c>. Links already on the tracking host stay as they are.
/// Works on the markup as text (no DOM per message): the HTML comes from our own renderer or an author's template.
/// </summary>
public sealed partial class HtmlTracking(TokenCodec tokens, Uri baseUrl)
{
    private readonly string _base = baseUrl.AbsoluteUri.TrimEnd('/');

    public string ApplyToHtml(string html, string? preheader, MessageRef message)
    {
        ArgumentNullException.ThrowIfNull(html);
        var rewritten = Anchor().Replace(html, m =>
        {
            var href = WebUtility.HtmlDecode(m.Groups["url"].Value).Trim();
            return Track(href, message) is { } tracked ? $"{m.Groups["start"].Value}{m.Groups["q"].Value}{tracked}{m.Groups["q"].Value}" : m.Value;
        });
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
        text.Append(rewritten, insertAt, end - insertAt)
            .Append("<img src=\"").Append(Url("o", tokens.Create(TokenKind.Open, message)))
            .Append("\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0;width:1px;height:1px\">")
            .Append(rewritten, end, rewritten.Length - end);
        return text.ToString();
    }

    public string ApplyToText(string text, MessageRef message)
    {
        ArgumentNullException.ThrowIfNull(text);
        return BareUrl().Replace(text, m => Track(m.Value, message) ?? m.Value);
    }

    public string Url(string kind, string token) => $"{_base}/t/{kind}/{token}";

    private string? Track(string href, MessageRef message) =>
        Uri.TryCreate(href, UriKind.Absolute, out var target) && target.Scheme is "http" or "https"
        && !href.StartsWith(_base + "/t/", StringComparison.OrdinalIgnoreCase)
            ? Url("c", tokens.Create(TokenKind.Click, message, target.AbsoluteUri))
            : null;

    [GeneratedRegex("""(?<start><a\b[^>]*?\bhref\s*=\s*)(?<q>["'])(?<url>.*?)\k<q>""", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Anchor();

    [GeneratedRegex(@"<body\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Body();

    [GeneratedRegex("""https?://[^\s()<>"']+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareUrl();
}
