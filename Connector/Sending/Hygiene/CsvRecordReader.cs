using System.Runtime.CompilerServices;
using System.Text;

namespace Connector.Sending.Hygiene;

/// <summary>
/// An RFC 4180 reader: fields split on <see cref="Delimiter"/>, a quoted field may hold the delimiter, doubled quotes and
/// line breaks. Each record carries the physical line it starts on and its raw text (for error messages). A quote
/// inside an unquoted field is kept as a character, as spreadsheets do; an unterminated quote runs to the end of the file.
/// </summary>
public sealed class CsvRecordReader(char delimiter)
{
    public char Delimiter { get; } = delimiter;

    /// <summary><c>;</c> when the line has more semicolons than commas outside quotes, else <c>,</c>.</summary>
    public static char Sniff(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        int commas = 0, semicolons = 0;
        var quoted = false;
        foreach (var c in line)
        {
            quoted ^= c == '"';
            commas += !quoted && c == ',' ? 1 : 0;
            semicolons += !quoted && c == ';' ? 1 : 0;
        }

        return semicolons > commas ? ';' : ',';
    }

    public async IAsyncEnumerable<CsvRecord> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            var start = number;
            var raw = new StringBuilder(line);
            var fields = new List<string>();
            var field = new StringBuilder();
            var (quoted, atFieldStart) = (false, true);
            var text = line;
            for (var i = 0; ; i++)
            {
                if (i == text.Length)
                {
                    if (quoted && await reader.ReadLineAsync(cancellationToken) is { } next)
                    {
                        number++;
                        field.Append('\n');
                        raw.Append('\n').Append(next);
                        (text, i) = (next, -1);
                        continue;
                    }

                    break;
                }

                var c = text[i];
                if (quoted)
                {
                    if (c != '"')
                    {
                        field.Append(c);
                    }
                    else if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else if (c == Delimiter)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    continue;
                }
                else if (c == '"' && atFieldStart)
                {
                    quoted = true;
                }
                else
                {
                    field.Append(c);
                }

                atFieldStart = false;
            }

            fields.Add(field.ToString());
            yield return new CsvRecord(start, fields, raw.ToString());
        }
    }
}
