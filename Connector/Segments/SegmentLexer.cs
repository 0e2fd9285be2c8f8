using System.Globalization;

namespace Connector.Segments;

/// <summary>
/// Splits an expression into tokens by hand (no regular expressions): words (keywords and field paths such as
/// <c>contact.custom.UF_CRM_X</c>), "text" or 'text' (the quote doubled inside), numbers, dates (<c>2025-01-31</c>)
/// and the symbols <c>( ) , = != &lt; &lt;= &gt; &gt;=</c>.
/// </summary>
internal static class SegmentLexer
{
    public static List<SegmentToken> Tokens(string text)
    {
        var tokens = new List<SegmentToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new SegmentToken(SegmentTokenKind.End, "", text.Length + 1));
                return tokens;
            }

            var start = i;
            var c = text[i];
            if (c is '"' or '\'')
            {
                tokens.Add(Quoted(text, ref i));
            }
            else if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(NumberOrDate(text, ref i));
            }
            else if (IsWordChar(c))
            {
                while (i < text.Length && (IsWordChar(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new SegmentToken(SegmentTokenKind.Word, text[start..i], start + 1));
            }
            else if (c is '(' or ')' or ',' or '=')
            {
                tokens.Add(new SegmentToken(SegmentTokenKind.Symbol, c.ToString(), ++i));
            }
            else if (c is '<' or '>' or '!')
            {
                i++;
                if (i < text.Length && text[i] == '=')
                {
                    i++;
                }
                else if (c == '!')
                {
                    throw new SegmentException(new SegmentError(start + 1, "expected '!=' ('!' alone is not an operator; use not)"));
                }

                tokens.Add(new SegmentToken(SegmentTokenKind.Symbol, text[start..i], start + 1));
            }
            else
            {
                throw new SegmentException(new SegmentError(start + 1, $"unexpected character '{c}'"));
            }
        }
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static SegmentToken Quoted(string text, ref int i)
    {
        var quote = text[i];
        var start = i++;
        var value = new System.Text.StringBuilder();
        while (true)
        {
            if (i >= text.Length)
            {
                throw new SegmentException(new SegmentError(start + 1, $"text opened here is never closed (expected {quote})"));
            }

            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    value.Append(quote);
                    i += 2;
                    continue;
                }

                i++;
                return new SegmentToken(SegmentTokenKind.Text, value.ToString(), start + 1);
            }

            value.Append(text[i++]);
        }
    }

    private static SegmentToken NumberOrDate(string text, ref int i)
    {
        var start = i;
        if (text[i] == '-')
        {
            i++;
        }

        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or '-'))
        {
            i++;
        }

        var raw = text[start..i];
        if (raw.Length == 10 && raw[4] == '-' && raw[7] == '-')
        {
            if (DateTime.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return new SegmentToken(SegmentTokenKind.Date, raw, start + 1);
            }

            throw new SegmentException(new SegmentError(start + 1, $"'{raw}' is not a date (expected YYYY-MM-DD)"));
        }

        if (raw.IndexOf('-', 1) >= 0 || !decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            throw new SegmentException(new SegmentError(start + 1, $"'{SegmentError.Capped(raw)}' is not a number (expected digits, one optional '.') or a date (YYYY-MM-DD)"));
        }

        return new SegmentToken(SegmentTokenKind.Number, raw, start + 1);
    }
}
