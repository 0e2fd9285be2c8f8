namespace Connector.Domains;

public sealed partial class DomainChecker
{
    // RFC 7489 §6.6.3: _dmarc.DOMAIN, else _dmarc of the organisational domain; exactly one v=DMARC1 record; p= required.
    private async Task<DomainCheckResult> DmarcAsync(string domain, CancellationToken cancellationToken)
    {
        const string check = "dmarc";
        var example = $"publish one TXT record at _dmarc.{OrganisationalDomain.Of(domain)}: \"v=DMARC1; p=quarantine; rua=mailto:dmarc@{OrganisationalDomain.Of(domain)}\"";
        var name = $"_dmarc.{domain}";
        var (records, error) = await DmarcRecordsAsync(name, cancellationToken);
        if (records.Count == 0 && error is null && OrganisationalDomain.Of(domain) is var org && org != domain)
        {
            name = $"_dmarc.{org}";
            (records, error) = await DmarcRecordsAsync(name, cancellationToken);
        }

        if (error is not null)
        {
            return DomainCheckResult.Fail(check, $"{name}: the lookup failed ({error})", "check that the domain's name servers answer, then run the check again");
        }

        if (records.Count != 1)
        {
            return DomainCheckResult.Fail(check, records.Count == 0 ? $"_dmarc.{domain}: no DMARC record" : $"{name}: {records.Count} DMARC records (receivers ignore them all)", example);
        }

        var tags = DkimTags.Parse(records[0]);
        var policy = tags.GetValueOrDefault("p")?.ToLowerInvariant();
        var rua = tags.GetValueOrDefault("rua");
        var found = $"{name}: p={policy ?? "(none)"}, rua={(rua is { Length: > 0 } ? rua : "(none)")}";
        if (policy is not ("none" or "quarantine" or "reject"))
        {
            return DomainCheckResult.Fail(check, $"{found}: the policy tag p= is missing or unknown", example);
        }

        if (rua is not { Length: > 0 })
        {
            return DomainCheckResult.Warn(check, $"{found}: no aggregate reports are asked for", $"add rua=mailto:dmarc@{OrganisationalDomain.Of(domain)} to the record to receive receivers' reports");
        }

        return policy == "none"
            ? DomainCheckResult.Warn(check, $"{found}: monitoring only, spoofed mail is still delivered", "once the reports show your mail aligned, raise the policy to p=quarantine, then p=reject")
            : DomainCheckResult.Pass(check, found);
    }

    private async Task<(IReadOnlyList<string> Records, string? Error)> DmarcRecordsAsync(string name, CancellationToken cancellationToken)
    {
        var txt = await dns.TxtAsync(name, cancellationToken);
        return (txt.Values.Where(v => v.StartsWith("v=DMARC1", StringComparison.OrdinalIgnoreCase)).ToList(), txt.Error);
    }
}
