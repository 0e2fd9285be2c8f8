using System.Security.Cryptography;
using Connector.Sending.Dkim;

namespace Connector.Domains;

public sealed partial class DomainChecker
{
    // One line per signing key: its TXT record at SELECTOR._domainkey.D must carry the same public key (RFC 6376 §3.6.1).
    private async Task<IReadOnlyList<DomainCheckResult>> DkimAsync(DomainCheckNames names, CancellationToken cancellationToken)
    {
        IReadOnlyList<DkimDnsRecord> expected;
        try
        {
            expected = PublishedDkimKeys.Read(names.DkimDomain, names.KeyFolder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or CryptographicException or ArgumentException)
        {
            return [DomainCheckResult.Fail("dkim", $"{names.KeyFolder}: a key could not be read ({ex.Message})", "check Dkim:KeyFolder and the key files' permissions")];
        }

        if (expected.Count == 0)
        {
            return [DomainCheckResult.Fail("dkim", $"{names.KeyFolder}: no DKIM key (Dkim:KeyFolder)", $"run crm-esp dkim keygen --domain {names.DkimDomain} --out {names.KeyFolder} and publish the records it prints")];
        }

        var results = new List<DomainCheckResult>();
        foreach (var record in expected)
        {
            results.Add(await DkimKeyAsync(record, cancellationToken));
        }

        return results;
    }

    private async Task<DomainCheckResult> DkimKeyAsync(DkimDnsRecord expected, CancellationToken cancellationToken)
    {
        var check = $"dkim:{expected.Selector}";
        var publish = $"publish {expected}";
        var txt = await dns.TxtAsync(expected.Name, cancellationToken);
        if (txt.Error is { } error)
        {
            return DomainCheckResult.Fail(check, $"{expected.Name}: the lookup failed ({error})", "check that the domain's name servers answer, then run the check again");
        }

        var keys = txt.Values.Where(v => DkimTags.Parse(v).ContainsKey("p")).ToList();
        if (keys.Count == 0)
        {
            // A missing Ed25519 record leaves the RSA signature to verify; a missing RSA record leaves most receivers with none.
            return expected.Selector.StartsWith(DkimKeySet.Ed25519Prefix, StringComparison.Ordinal)
                ? DomainCheckResult.Warn(check, $"{expected.Name}: no key record (receivers that know Ed25519 find its signature unverifiable; RSA still verifies)", publish)
                : DomainCheckResult.Fail(check, $"{expected.Name}: no key record", publish);
        }

        if (keys.Count > 1)
        {
            return DomainCheckResult.Fail(check, $"{expected.Name}: {keys.Count} key records (verifiers may pick either)", $"keep one: {expected}");
        }

        return DkimTags.SameKey(keys[0], expected.Value)
            ? DomainCheckResult.Pass(check, $"{expected.Name}: the published key is the key in the folder")
            : DomainCheckResult.Fail(check, $"{expected.Name}: the published key is not the key in the folder (signatures would fail)", $"replace the record: {expected}");
    }
}
