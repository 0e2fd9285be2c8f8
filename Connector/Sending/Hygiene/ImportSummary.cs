using System.Globalization;

namespace Connector.Sending.Hygiene;

/// <summary>
/// Why an import queued nobody, in one line: the skipped records counted per reason, most frequent first, and a hint
/// for the likely cause (e.g. <c>13 skipped: no_domain 13 — DNS may be unreachable; Sending:Validation:CheckMx=false skips MX checks</c>).
/// </summary>
public static class ImportSummary
{
    /// <summary>The line for an import without recipients; null when it has some (then there is nothing to explain).</summary>
    public static string? NothingQueued(string file, RecipientImportResult import)
    {
        ArgumentNullException.ThrowIfNull(import);
        if (import.Count > 0)
        {
            return null;
        }

        var skipped = import.Problems.Where(p => p.Skipped).ToList();
        if (skipped.Count == 0)
        {
            return $"{file}: nothing to send: the file holds no recipients (address[,name] lines, or a header row with an email column)";
        }

        var reasons = skipped.GroupBy(p => p.Reason, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count().ToString(CultureInfo.InvariantCulture)}");
        var hint = Hint(skipped.Select(p => p.Reason).ToHashSet(StringComparer.Ordinal));
        return $"{file}: nothing to send: {skipped.Count.ToString(CultureInfo.InvariantCulture)} skipped: {string.Join(", ", reasons)}{(hint is null ? "" : " — " + hint)}";
    }

    private static string? Hint(HashSet<string> reasons) =>
        reasons.Contains("no_domain") ? "DNS may be unreachable; Sending:Validation:CheckMx=false skips MX checks"
        : reasons.Contains("role") || reasons.Contains("disposable") ? "role and disposable addresses are queued without --reject-flagged"
        : reasons.Contains("syntax") ? "expected address[,name] lines, or a header row with an email column"
        : reasons.Contains("no_address") ? "the email column is empty on every row"
        : null;
}
