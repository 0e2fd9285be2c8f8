using Connector.Sending.Settings;
using Microsoft.Extensions.Options;

namespace Connector.Domains;

/// <summary>
/// What a sending domain needs in DNS, checked one line each: SPF, the DKIM keys of <c>Dkim:KeyFolder</c>, DMARC, the
/// Return-Path domain's MX, the relay's PTR with forward confirmation, and the alignment of From, Return-Path and
/// <c>d=</c>. Reads DNS only; never writes, never connects to the relay, never prints a private key.
/// </summary>
public sealed partial class DomainChecker(DomainDns dns, IOptions<SenderOptions> sender, IOptions<DkimOptions> dkim, IOptions<BouncesOptions> bounces, IConfiguration configuration)
{
    public async Task<DomainCheckReport> CheckAsync(string domain, CancellationToken cancellationToken)
    {
        var names = Names(domain);
        var checks = new List<DomainCheckResult> { await SpfAsync("spf", names.Domain, cancellationToken) };
        if (!string.Equals(names.BounceDomain, names.Domain, StringComparison.OrdinalIgnoreCase))
        {
            checks.Add(await SpfAsync("spf:return-path", names.BounceDomain, cancellationToken));
        }

        checks.AddRange(await DkimAsync(names, cancellationToken));
        checks.Add(await DmarcAsync(names.Domain, cancellationToken));
        checks.Add(await BounceMxAsync(names.BounceDomain, cancellationToken));
        checks.AddRange(await RelaysAsync(names.Relays, cancellationToken));
        checks.Add(Alignment(names));
        return new DomainCheckReport(names.Domain, checks);
    }

    public DomainCheckNames Names(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var checkedDomain = domain.Trim().TrimEnd('.').ToLowerInvariant();
        var from = sender.Value.FromAddress is { Length: > 0 } address ? address : null;
        var fromDomain = from is null ? checkedDomain : from[(from.LastIndexOf('@') + 1)..].Trim().TrimEnd('.').ToLowerInvariant();
        var relays = new List<string>();
        if (configuration["Smtp:Host"] is { Length: > 0 } host)
        {
            relays.Add(host.Trim());
        }

        relays.AddRange(configuration.GetSection("Smtp:Transports").GetChildren().Select(t => t["Host"]?.Trim()).OfType<string>().Where(h => h.Length > 0));
        return new DomainCheckNames
        {
            Domain = checkedDomain,
            FromAddress = from,
            FromDomain = fromDomain,
            DkimDomain = dkim.Value.Domain is { Length: > 0 } d ? d.Trim().TrimEnd('.').ToLowerInvariant() : fromDomain,
            KeyFolder = dkim.Value.KeyFolder is { Length: > 0 } k ? k : "data/dkim",
            BounceDomain = bounces.Value.Domain is { Length: > 0 } b ? b.Trim().TrimEnd('.').ToLowerInvariant() : $"bounces.{fromDomain}",
            Relays = relays.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        };
    }
}
