using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Connector.Sending.Composing;

/// <summary>
/// The text/plain part from the HTML: blocks become lines, links become "text (url)", images their alt text; hidden
/// elements (preheader), the open pixel, styles and scripts are left out. Lines are kept under 78 characters where possible.
/// </summary>
public static class HtmlToText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "section", "article", "header", "footer", "hr",
    };

    private static readonly AngleSharp.Html.Parser.HtmlParser Parser = new();

    public static string Convert(string html)
    {
        lock (Parser)
        {
            return Convert(Parser.ParseDocument(html));
        }
    }

    public static string Convert(IHtmlDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = new StringBuilder();
        Walk(document.Body!, text);
        var lines = text.ToString().Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        var result = new StringBuilder();
        var blank = true;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                if (!blank)
                {
                    result.Append('\n');
                }

                blank = true;
                continue;
            }

            result.Append(line).Append('\n');
            blank = false;
        }

        return result.ToString().Trim() + "\n";
    }

    private static void Walk(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(t.Data.Replace('\n', ' ').Replace('\r', ' ').Replace('\u00a0', ' '));
                    break;
                case IElement e when Skip(e):
                    break;
                case IHtmlBreakRowElement:
                    text.Append('\n');
                    break;
                case IHtmlAnchorElement a:
                    var label = a.TextContent.Trim() is { Length: > 0 } words ? words : string.Join(' ', a.QuerySelectorAll("img[alt]").Select(i => i.GetAttribute("alt")));
                    var href = a.GetAttribute("href") ?? string.Empty;
                    text.Append(label.Length == 0 || label == href ? href : $"{label} ({href})");
                    break;
                case IHtmlImageElement img:
                    text.Append(img.AlternativeText);
                    break;
                case IElement e:
                    var block = Blocks.Contains(e.LocalName);
                    if (block)
                    {
                        text.Append("\n\n");
                    }

                    if (e.LocalName == "hr")
                    {
                        text.Append("----------------------------------------");
                    }

                    if (e.LocalName == "li")
                    {
                        text.Append("- ");
                    }

                    Walk(e, text);
                    if (block)
                    {
                        text.Append("\n\n");
                    }

                    break;
            }
        }
    }

    private static bool Skip(IElement element) =>
        element.LocalName is "style" or "script" or "head" or "title"
        || (element.GetAttribute("style") ?? string.Empty).Replace(" ", "", StringComparison.Ordinal).Contains("display:none", StringComparison.OrdinalIgnoreCase)
        || (element.LocalName == "img" && element.GetAttribute("width") == "1" && element.GetAttribute("height") == "1");
}
