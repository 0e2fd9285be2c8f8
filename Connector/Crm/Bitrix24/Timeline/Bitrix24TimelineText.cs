using System.Text;

namespace Connector.Crm.Bitrix24.Timeline;

/// <summary>
/// CRM data in a timeline entry is escaped: the portal renders comments and log messages with BB codes and HTML, so
/// <c>&lt; &gt; &amp; [ ]</c> from a campaign name or a link become entities; control characters go; length is capped.
/// </summary>
public static class Bitrix24TimelineText
{
    public const int MaxTitle = 255;
    public const int MaxText = 2000;

    public static string Escape(string value, int max)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length + 16);
        foreach (var c in value.Length > max ? value[..max] : value)
        {
            _ = c switch
            {
                '<' => text.Append("&lt;"),
                '>' => text.Append("&gt;"),
                '&' => text.Append("&amp;"),
                '"' => text.Append("&quot;"),
                '[' => text.Append("&#91;"),
                ']' => text.Append("&#93;"),
                '\n' => text.Append('\n'),
                _ when char.IsControl(c) => text,
                _ => text.Append(c),
            };
        }

        return text.ToString();
    }
}
