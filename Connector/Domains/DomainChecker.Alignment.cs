namespace Connector.Domains;

public sealed partial class DomainChecker
{
    // DMARC passes when SPF (Return-Path domain) or DKIM (d=) passes aligned with the From domain; relaxed alignment
    // compares organisational domains (RFC 7489 §3.1). Both aligned survives a forwarder that breaks SPF.
    public static DomainCheckResult Alignment(DomainCheckNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        const string check = "alignment";
        var (from, returnPath, d) = (names.FromDomain, names.BounceDomain, names.DkimDomain);
        var found = $"From {from}, Return-Path {returnPath}, d={d}";
        if (names.FromAddress is null)
        {
            return DomainCheckResult.Warn(check, $"{found}: Sender:FromAddress is not set, a From at {from} was assumed", $"set Sender:FromAddress to an address at {names.Domain}");
        }

        var spf = OrganisationalDomain.Aligned(from, returnPath);
        var dkim = OrganisationalDomain.Aligned(from, d);
        var fixReturnPath = $"set Bounces:Domain to a name under {OrganisationalDomain.Of(from)} (like bounces.{OrganisationalDomain.Of(from)})";
        var fixDkim = $"set Dkim:Domain to {OrganisationalDomain.Of(from)} (or a name under it) and publish its keys";
        if (!spf && !dkim)
        {
            return DomainCheckResult.Fail(check, $"{found}: neither the Return-Path nor d= shares the From's organisational domain {OrganisationalDomain.Of(from)}, so DMARC fails",
                $"{fixDkim}; {fixReturnPath}");
        }

        if (!spf || !dkim)
        {
            return DomainCheckResult.Warn(check, $"{found}: only {(spf ? "SPF (Return-Path)" : "DKIM (d=)")} is aligned with the From", spf ? fixDkim : fixReturnPath);
        }

        return OrganisationalDomain.Aligned(from, names.Domain)
            ? DomainCheckResult.Pass(check, $"{found}: all under {OrganisationalDomain.Of(from)}")
            : DomainCheckResult.Warn(check, $"{found}: aligned, but the From is not under the checked domain {names.Domain}", $"check the From's domain instead: crm-esp domain check --domain {from}");
    }
}
