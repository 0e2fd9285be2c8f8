using System.Security.Cryptography;
using System.Text;

namespace Connector.Sending.Hygiene;

/// <summary>
/// Reads a recipients file (<c>address[,name]</c> a line; blank lines and <c>#</c> comments ignored) through the
/// <see cref="AddressValidator"/>: a bad line is skipped and reported with file, line and reason, never failing the rest;
/// role and disposable addresses are flagged and kept unless <paramref name="rejectFlagged"/>. An address repeated in
/// the file is queued once. File recipients have no CRM contact: each is keyed by a stable negative id derived from the
/// address, so the frequency cap follows the address across files.
/// </summary>
public sealed class RecipientImport(AddressValidator validator, bool rejectFlagged)
{
    private const int MaxShown = 120;

    public async Task<RecipientImportResult> ReadAsync(string file, CancellationToken cancellationToken)
    {
        var recipients = new List<ImportedRecipient>();
        var problems = new List<ImportProblem>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var duplicates = 0;
        var number = 0;
        await foreach (var line in File.ReadLinesAsync(file, cancellationToken))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(',', 2);
            var verdict = await validator.ValidateAsync(parts[0], cancellationToken);
            if (!verdict.Usable || (verdict.Flagged && rejectFlagged))
            {
                problems.Add(new ImportProblem(file, number, verdict.Reason ?? "invalid", Shown(line), Skipped: true));
                continue;
            }

            if (!seen.Add(verdict.Address))
            {
                duplicates++;
                continue;
            }

            if (verdict.Flagged)
            {
                problems.Add(new ImportProblem(file, number, verdict.Reason!, Shown(line), Skipped: false));
            }

            var name = parts.Length > 1 && parts[1].Trim() is { Length: > 0 } n ? n : null;
            recipients.Add(new ImportedRecipient(number, verdict.Address, name, ContactIdOf(verdict.Address), verdict.Flagged ? verdict.Reason : null));
        }

        return new RecipientImportResult(recipients, problems, duplicates);
    }

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
