using System.Text;

namespace Connector.Cli;

/// <summary>RFC 4180 CSV: fields with a comma, quote, semicolon or line break are quoted, quotes doubled.</summary>
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

            var field = fields[i] ?? "";
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
}
