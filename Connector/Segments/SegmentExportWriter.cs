using System.Text.Json;
using Connector.Cli;
using Connector.Store;

namespace Connector.Segments;

/// <summary>
/// A segment's contacts as <c>segment export</c> writes them, for the CLI and the app's page alike: CSV (a header,
/// then <c>id, name, second_name, last_name, emails</c> (<c>;</c>-joined), <c>created_at, modified_at</c>, through
/// <see cref="CsvWriter"/>, so a formula-like cell is neutralised) or JSON lines.
/// </summary>
public static class SegmentExportWriter
{
    /// <summary>Writes every row; how many contacts were written.</summary>
    public static async Task<long> WriteAsync(TextWriter writer, IAsyncEnumerable<SegmentContactRow> rows, bool jsonl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        if (!jsonl)
        {
            await writer.WriteLineAsync(CsvWriter.Line("id", "name", "second_name", "last_name", "emails", "created_at", "modified_at"));
        }

        var count = 0L;
        await foreach (var c in rows.WithCancellation(cancellationToken))
        {
            var emails = string.IsNullOrEmpty(c.Emails) ? [] : c.Emails.Split(MirrorQueries.ListSeparator);
            var id = c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await writer.WriteLineAsync(jsonl
                ? JsonSerializer.Serialize(new { id = c.Id, name = c.Name, second_name = c.SecondName, last_name = c.LastName, emails, created_at = c.CreatedAt, modified_at = c.ModifiedAt }, CliJson.Options)
                : CsvWriter.Line(id, c.Name, c.SecondName, c.LastName, string.Join(';', emails), c.CreatedAt, c.ModifiedAt));
            count++;
        }

        return count;
    }
}
