using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Connector.Sending.Tokens;

namespace Connector.Sending.Composing;

/// <summary>
/// Rewrites every http(s) link of a letter to <c>{Tracking:BaseUrl}/t/c/TOKEN</c> (the token carries the target, signed),
/// adds the preheader and the open pixel <c>/t/o/TOKEN</c>. Links already pointing at the tracking host stay as they are.
/// </summary>
public sealed class HtmlTracking(TokenCodec tokens, Uri baseUrl)
{
    private static readonly HtmlParser Parser = new();

    public IHtmlDocument Apply(string html, string? preheader, MessageRef message)
    {
        var document = Parser.ParseDocument(html);
        var ownPrefix = baseUrl.AbsoluteUri.TrimEnd('/') + "/t/";
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            var href = anchor.GetAttribute("href")!.Trim();
            if (Uri.TryCreate(href, UriKind.Absolute, out var target) && target.Scheme is "http" or "https"
                && !href.StartsWith(ownPrefix, StringComparison.OrdinalIgnoreCase))
            {
                anchor.SetAttribute("href", Url("c", tokens.Create(TokenKind.Click, message, target.AbsoluteUri)));
            }
        }

        var body = document.Body!;
        if (!string.IsNullOrWhiteSpace(preheader))
        {
            var hidden = document.CreateElement("div");
            hidden.SetAttribute("style", "display:none;max-height:0;overflow:hidden;mso-hide:all");
            hidden.SetAttribute("data-preheader", "");
            hidden.TextContent = HeaderText.OneLine(preheader);
            body.Prepend(hidden);
        }

        var pixel = document.CreateElement("img");
        pixel.SetAttribute("src", Url("o", tokens.Create(TokenKind.Open, message)));
        pixel.SetAttribute("width", "1");
        pixel.SetAttribute("height", "1");
        pixel.SetAttribute("alt", "");
        pixel.SetAttribute("style", "display:block;border:0;width:1px;height:1px");
        body.AppendChild(pixel);
        return document;
    }

    public string Url(string kind, string token) => $"{baseUrl.AbsoluteUri.TrimEnd('/')}/t/{kind}/{token}";
}
