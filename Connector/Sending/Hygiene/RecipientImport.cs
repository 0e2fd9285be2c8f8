using System.Security.Cryptography;
using System.Text;

namespace Connector.Sending.Hygiene;

/// <summary>
/// Reads a recipients file through the <see cref="AddressValidator"/>. The file is CSV (RFC 4180: quoted fields, doubled
/// quotes, line breaks inside quotes; <c>;</c> or <c>,</c> sniffed from the first line): either header-less
/// <c>address[,name]</c> lines, or a header row naming the columns (<see cref="RecipientColumns"/>), such as what
/// <c>contacts export --format csv</c> writes — there the first address of <c>emails</c> not listed in
/// <c>invalid_emails</c> is used and deleted contacts are skipped. Blank lines and <c>#</c> comments are ignored.
/// A bad record is skipped and reported with file, line (where the record starts) and reason, never failing the rest;
/// role and disposable addresses are flagged and kept unless <paramref name="rejectFlagged"/>. An address repeated in
/// the file is queued once. File recipients have no CRM contact: each is keyed by a stable negative id derived from the
/// address, so the frequency cap follows the address across files. A caller that gives <c>accept</c> gets each recipient
/// as it is read and none is kept (a million-line file is not held in memory; repeats are found by that id).
/// </summary>
public sealed class RecipientImport(AddressValidator validator, bool rejectFlagged)
{
    private const int MaxShown = 120;

    public Task<RecipientImportResult> ReadAsync(string file, CancellationToken cancellationToken) => ReadAsync(file, null, cancellationToken);

    /// <param name="accept">Given: called with each recipient in file order, and the result holds none (only their count).</param>
    public async Task<RecipientImportResult> ReadAsync(string file, Func<ImportedRecipient, CancellationToken, ValueTask>? accept, CancellationToken cancellationToken)
    {
        var recipients = new List<ImportedRecipient>();
        var problems = new List<ImportProblem>();
        // By the address's id (SHA-256 of the lower-cased address, 62 bits): 8 bytes a recipient instead of its string.
        var seen = new HashSet<long>();
        var (duplicates, count) = (0, 0);
        var csv = new CsvRecordReader(await DelimiterAsync(file, cancellationToken));
        RecipientColumns? columns = null;
        using var text = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        await foreach (var record in csv.ReadAsync(text, cancellationToken))
        {
            if (IsBlankOrComment(record))
            {
                continue;
            }

            if (columns is null && RecipientColumns.FromHeader(record.Fields) is { } header)
            {
                columns = header;
                continue;
            }

            columns ??= RecipientColumns.Plain;
            var (candidate, name, skip) = Pick(record, columns, csv.Delimiter);
            if (skip is not null)
            {
                problems.Add(new ImportProblem(file, record.Line, skip, Shown(record.Raw), Skipped: true));
                continue;
            }

            var verdict = await validator.ValidateAsync(candidate, cancellationToken);
            if (!verdict.Usable || (verdict.Flagged && rejectFlagged))
            {
                problems.Add(new ImportProblem(file, record.Line, verdict.Reason ?? "invalid", Shown(record.Raw), Skipped: true));
                continue;
            }

            var contactId = ContactIdOf(verdict.Address);
            if (!seen.Add(contactId))
            {
                duplicates++;
                continue;
            }

            if (verdict.Flagged)
            {
                problems.Add(new ImportProblem(file, record.Line, verdict.Reason!, Shown(record.Raw), Skipped: false));
            }

            var recipient = new ImportedRecipient(record.Line, verdict.Address, name, contactId, verdict.Flagged ? verdict.Reason : null);
            count++;
            if (accept is null)
            {
                recipients.Add(recipient);
            }
            else
            {
                await accept(recipient, cancellationToken);
            }
        }

        return new RecipientImportResult(recipients, problems, duplicates) { Count = count };
    }

    private static async Task<char> DelimiterAsync(string file, CancellationToken cancellationToken)
    {
        await foreach (var line in File.ReadLinesAsync(file, cancellationToken))
        {
            if (!string.IsNullOrWhiteSpace(line) && !line.TrimStart().StartsWith('#'))
            {
                return CsvRecordReader.Sniff(line);
            }
        }

        return ',';
    }

    private static bool IsBlankOrComment(CsvRecord record) =>
        record.Raw.TrimStart().StartsWith('#') || record.Fields.All(string.IsNullOrWhiteSpace);

    // The address to validate, the name, or why the record is skipped before validation.
    private static (string Address, string? Name, string? Skip) Pick(CsvRecord record, RecipientColumns columns, char delimiter)
    {
        var fields = record.Fields;
        string? Field(int? index) => index is { } i && i < fields.Count ? Unprefixed(fields[i].Trim()) : null;
        if (!columns.Header)
        {
            var rest = string.Join(delimiter, fields.Skip(1)).Trim();
            return (fields[0], rest.Length > 0 ? Unprefixed(rest) : null, null);
        }

        if (Field(columns.Deleted) is { } deleted && (deleted.Equals("true", StringComparison.OrdinalIgnoreCase) || deleted is "1" or "Y"))
        {
            return ("", null, "deleted");
        }

        // An export's emails column lists every address of the contact: the first one the CRM did not mark invalid is used.
        var invalid = Addresses(Field(columns.Invalid));
        var address = Addresses(Field(columns.Address)).FirstOrDefault(a => !invalid.Contains(a, StringComparer.OrdinalIgnoreCase));
        return address is null
            ? ("", null, "no_address")
            : (address, Field(columns.Name) is { Length: > 0 } n ? n : null, null);
    }

    private static string[] Addresses(string? list) =>
        list?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    // contacts export prefixes a cell that would start a spreadsheet formula with ' (OWASP); that prefix is not data.
    private static string Unprefixed(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? value[1..] : value;

    /// <summary>A stable id for an address without a CRM contact: negative, so it never meets a CRM contact id.</summary>
    public static long ContactIdOf(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(address.ToLowerInvariant()));
        return -1 - (long)(BitConverter.ToUInt64(hash, 0) >> 2);
    }

    // A line quoted in an error: control characters shown as '?', long lines cut.
    private static string Shown(string line)
    {
        var clean = new string(line.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return clean.Length <= MaxShown ? clean : clean[..MaxShown] + "…";
    }
}
