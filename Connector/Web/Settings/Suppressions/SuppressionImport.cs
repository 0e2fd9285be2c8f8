using Connector.Sending.Hygiene;
using Connector.Sending.Ledger;

namespace Connector.Web.Settings.Suppressions;

/// <summary>
/// A CSV of addresses to suppress (reason <c>manual</c>): one address a line, or a table with a header row naming the
/// address column (<c>address</c>, <c>email</c>, <c>e-mail</c>, <c>адрес</c>, <c>почта</c>) and optionally a note column
/// (<c>note</c>, <c>reason</c>, <c>comment</c>, <c>примечание</c>, <c>причина</c>); <c>,</c> or <c>;</c> as the first line
/// says, quoted fields as RFC 4180 has them. Each line is checked by the add form's rules: a bad line is reported by
/// its line number and skipped, the good lines are added in one transaction.
/// </summary>
public sealed class SuppressionImport(SendLedgerStore ledger)
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxLines = 20_000;
    public const int MaxListed = 1000;

    private static readonly string[] AddressHeaders = ["address", "email", "e-mail", "mail", "адрес", "почта", "email address"];
    private static readonly string[] NoteHeaders = ["note", "reason", "comment", "примечание", "причина", "комментарий"];

    /// <summary>The outcome, or the problem with the file as a whole (too many lines, no address in it) naming <c>file</c>.</summary>
    public async Task<(SuppressionImportResult? Result, string? Problem)> ImportAsync(string text, long portalId, long userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var firstLine = text.AsSpan().IndexOfAny('\r', '\n') is var end and >= 0 ? text[..end] : text;
        var reader = new CsvRecordReader(CsvRecordReader.Sniff(firstLine));
        var records = new List<CsvRecord>();
        using (var input = new StringReader(text))
        {
            await foreach (var record in reader.ReadAsync(input, cancellationToken))
            {
                if (record.Fields.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (records.Count == MaxLines)
                {
                    return (null, $"at most {MaxLines} lines in one file");
                }

                records.Add(record);
            }
        }

        if (records.Count == 0)
        {
            return (null, "the file has no addresses");
        }

        var (addressColumn, noteColumn) = (0, -1);
        if (Header(records[0]) is { } header)
        {
            (addressColumn, noteColumn) = header;
            records.RemoveAt(0);
            if (records.Count == 0)
            {
                return (null, "the file has only a header row");
            }
        }

        var skipped = new List<SuppressionImportLine>();
        var taken = new List<(int Line, string Written, string Address, string? Note)>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in records)
        {
            var written = addressColumn < record.Fields.Count ? record.Fields[addressColumn].Trim() : "";
            var note = noteColumn >= 0 && noteColumn < record.Fields.Count && record.Fields[noteColumn].Trim() is { Length: > 0 } n ? n : null;
            if (SuppressionRules.Address(written, out var address) is { } bad)
            {
                skipped.Add(new SuppressionImportLine(record.Line, Capped(written), "syntax", bad));
            }
            else if (SuppressionRules.Note(note) is { } badNote)
            {
                skipped.Add(new SuppressionImportLine(record.Line, address, "note", $"note: {badNote}"));
            }
            else if (seen.TryGetValue(address, out var first))
            {
                skipped.Add(new SuppressionImportLine(record.Line, address, "duplicate", $"already on line {first} of this file"));
            }
            else
            {
                seen[address] = record.Line;
                taken.Add((record.Line, written, address, note));
            }
        }

        var added = await ledger.SuppressManyAsync([.. taken.Select(t => (t.Address, (string?)SuppressionSource.For(portalId, userId, t.Note)))], "manual", cancellationToken);
        var count = 0;
        for (var i = 0; i < taken.Count; i++)
        {
            if (added[i])
            {
                count++;
            }
            else
            {
                skipped.Add(new SuppressionImportLine(taken[i].Line, taken[i].Address, "already_listed", "already on the suppression list"));
            }
        }

        skipped.Sort((a, b) => a.Line.CompareTo(b.Line));
        return (new SuppressionImportResult(count, skipped.Count, skipped.Take(MaxListed).ToList()), null);
    }

    // A first line that is no address but names the address column (and maybe a note column).
    private static (int Address, int Note)? Header(CsvRecord first)
    {
        var names = first.Fields.Select(f => f.Trim().Trim('\uFEFF').ToLowerInvariant()).ToList();
        if (names.Any(n => n.Contains('@', StringComparison.Ordinal)))
        {
            return null;
        }

        var address = names.FindIndex(n => AddressHeaders.Contains(n));
        return address < 0 ? null : (address, names.FindIndex(n => NoteHeaders.Contains(n)));
    }

    private static string Capped(string text) => text.Length > 100 ? text[..100] + "…" : text;
}
