using System.Text;

namespace Connector.Sending.Composing;

/// <summary>Makes CRM- or template-provided text safe for one header: CR, LF and other controls become spaces, runs collapse.</summary>
public static class HeaderText
{
    public static string OneLine(string? value, int maxLength = 300)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value)
        {
            var blank = char.IsControl(c) || char.IsWhiteSpace(c) || c is '\u2028' or '\u2029';
            if (blank && !space && text.Length > 0)
            {
                text.Append(' ');
            }
            else if (!blank)
            {
                text.Append(c);
            }

            space = blank;
        }

        var line = text.ToString().TrimEnd();
        return line.Length <= maxLength ? line : line[..maxLength];
    }

    /// <summary>Lower-case letters, digits and dashes only, for List-Id and Feedback-ID parts.</summary>
    public static string Token(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length);
        foreach (var c in value.ToLowerInvariant())
        {
            text.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' ? c : '-');
        }

        return text.ToString().Trim('-') is { Length: > 0 } token ? token : "x";
    }
}
