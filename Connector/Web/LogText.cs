using System.Globalization;
using System.Text;

namespace Connector.Web;

/// <summary>
/// Makes request-controlled text safe for a log line: control characters escaped (<c>\r</c>, <c>\n</c>, <c>\t</c>,
/// <c>\e</c> for ESC, <c>\xNN</c> for the rest, <c>\u2028</c>-style for Unicode line breaks and bidi controls) and
/// the result capped at <paramref name="max"/> characters plus a marker naming the original length.
/// </summary>
public static class LogText
{
    public const int DefaultMax = 200;

    public static string Safe(string? text, int max = DefaultMax)
    {
        if (text is null)
        {
            return "(null)";
        }

        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var builder = new StringBuilder(Math.Min(text.Length, max) + 16);
        var used = 0;
        for (; used < text.Length && builder.Length < max; used++)
        {
            var c = text[used];
            switch (c)
            {
                case '\r': builder.Append("\\r"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                case '\u001b': builder.Append("\\e"); break;
                case '\\': builder.Append("\\\\"); break;
                case < ' ' or '\u007f':
                    builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069'))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return used < text.Length
            ? builder.Append(CultureInfo.InvariantCulture, $"…[{text.Length} chars]").ToString()
            : builder.ToString();
    }
}
