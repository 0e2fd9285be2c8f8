namespace Connector.Domains;

public sealed partial class DomainChecker
{
    // RFC 7208 §4.5: exactly one "v=spf1" record (two are a permerror); §5.1: "all" ends the evaluation.
    private async Task<DomainCheckResult> SpfAsync(string check, string domain, CancellationToken cancellationToken)
    {
        var txt = await dns.TxtAsync(domain, cancellationToken);
        if (txt.Error is { } error)
        {
            return DomainCheckResult.Fail(check, $"{domain}: the lookup failed ({error})", "check that the domain's name servers answer, then run the check again");
        }

        var records = txt.Values.Where(IsSpf).ToList();
        var example = $"publish one TXT record at {domain}: \"v=spf1 mx -all\" (list the relay's addresses or include: its provider)";
        if (records.Count == 0)
        {
            return DomainCheckResult.Fail(check, $"{domain}: no SPF record{(txt.NoDomain ? " (the domain does not exist)" : "")}", example);
        }

        if (records.Count > 1)
        {
            return DomainCheckResult.Fail(check, $"{domain}: {records.Count} SPF records (receivers treat that as a permanent error)", "merge them into one v=spf1 record");
        }

        var record = records[0];
        var last = record.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1].ToLowerInvariant();
        return last switch
        {
            "-all" or "~all" => DomainCheckResult.Pass(check, $"{domain}: \"{record}\""),
            "+all" or "all" => DomainCheckResult.Fail(check, $"{domain}: \"{record}\" lets every server on the internet send as this domain", "end the record with -all (or ~all)"),
            _ => DomainCheckResult.Warn(check, $"{domain}: \"{record}\" does not end in -all or ~all", "end the record with -all (or ~all) so mail from other servers fails SPF"),
        };
    }

    private static bool IsSpf(string txt) =>
        txt.Equals("v=spf1", StringComparison.OrdinalIgnoreCase) || txt.StartsWith("v=spf1 ", StringComparison.OrdinalIgnoreCase);
}
