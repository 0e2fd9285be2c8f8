using System.Text;

namespace Connector.Cli;

/// <summary>
/// RFC 4180 CSV: fields with a comma, quote, semicolon or line break are quoted, quotes doubled. A field starting with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR is prefixed with <c>'</c> so a spreadsheet shows it as text instead
/// of running it as a formula (OWASP, CSV injection); the recipients reader drops that prefix again.
/// </summary>
public static class CsvWriter
{
    public static string Line(params string?[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var line = new StringBuilder();
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            var field = Neutralised(fields[i] ?? "");
            if (field.AsSpan().IndexOfAny(",\";\r\n") >= 0)
            {
                line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                line.Append(field);
            }
        }

        return line.ToString();
    }

    /// <summary>The characters a spreadsheet reads as the start of a formula (OWASP CSV injection).</summary>
    public static bool StartsLikeFormula(ReadOnlySpan<char> field) => field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static string Neutralised(string field) => StartsLikeFormula(field) ? "'" + field : field;
}
