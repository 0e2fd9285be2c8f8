using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Connector.Templates.Blocks;

/// <summary>HTML-encodes the literal parts of a Liquid string and keeps its <c>{{ }}</c>/<c>{% %}</c> tags verbatim.</summary>
public static partial class LiquidText
{
    public static string Encode(string? source, bool lineBreaks = false)
    {
        if (string.IsNullOrEmpty(source))
        {
            return string.Empty;
        }

        var html = new StringBuilder(source.Length + 16);
        var last = 0;
        foreach (Match tag in Tag().Matches(source))
        {
            html.Append(Literal(source[last..tag.Index], lineBreaks)).Append(tag.Value);
            last = tag.Index + tag.Length;
        }

        return html.Append(Literal(source[last..], lineBreaks)).ToString();
    }

    private static string Literal(string text, bool lineBreaks)
    {
        var encoded = WebUtility.HtmlEncode(text);
        return lineBreaks ? encoded.Replace("\n", "<br>\n", StringComparison.Ordinal) : encoded;
    }

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
