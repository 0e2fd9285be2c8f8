using System.Net;
using System.Net.Sockets;

namespace Connector.Domains;

public sealed partial class DomainChecker
{
    // Bounces come back to the VERP Return-Path domain: it needs an MX (RFC 5321 §5.1; a bare A record is the fallback).
    private async Task<DomainCheckResult> BounceMxAsync(string domain, CancellationToken cancellationToken)
    {
        const string check = "bounce-mx";
        var fix = $"publish an MX record for {domain} pointing at the mailbox host that Bounces:Imap or Bounces:Pop3 reads";
        var mx = await dns.MxAsync(domain, cancellationToken);
        if (mx.Error is { } error)
        {
            return DomainCheckResult.Fail(check, $"{domain}: the lookup failed ({error})", "check that the domain's name servers answer, then run the check again");
        }

        if (mx.Values.Count > 0)
        {
            return mx.Values.All(m => m.Exchange is "" or ".")
                ? DomainCheckResult.Fail(check, $"{domain}: a null MX (\"MX 0 .\"): it accepts no mail, so bounces are lost", fix)
                : DomainCheckResult.Pass(check, $"{domain}: MX {string.Join(", ", mx.Values.OrderBy(m => m.Preference).Select(m => $"{m.Preference} {m.Exchange}"))}");
        }

        var a = mx.NoDomain ? new DnsAnswer<IPAddress>([]) : await dns.AddressesAsync(domain, cancellationToken);
        return a.Values.Count > 0
            ? DomainCheckResult.Warn(check, $"{domain}: no MX, only an address record ({string.Join(", ", a.Values)}) that mail falls back to", fix)
            : DomainCheckResult.Fail(check, $"{domain}: no MX{(mx.NoDomain ? " (the domain does not exist)" : "")}: bounces cannot come back", fix);
    }

    private async Task<IReadOnlyList<DomainCheckResult>> RelaysAsync(IReadOnlyList<string> relays, CancellationToken cancellationToken)
    {
        if (relays.Count == 0)
        {
            return [DomainCheckResult.Warn("relay-ptr", "no relay configured (Smtp:Host): nothing to check", "set Smtp:Host to the relay that sends to the internet, then run the check again")];
        }

        var results = new List<DomainCheckResult>();
        foreach (var relay in relays)
        {
            results.Add(await RelayAsync(relay, cancellationToken));
        }

        return results;
    }

    // Forward-confirmed reverse DNS: every address of the relay has a PTR whose name resolves back to that address.
    private async Task<DomainCheckResult> RelayAsync(string relay, CancellationToken cancellationToken)
    {
        var check = $"relay-ptr:{relay}";
        IReadOnlyList<IPAddress> addresses;
        if (IPAddress.TryParse(relay.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            var found = await dns.AddressesAsync(relay, cancellationToken);
            if (found.Error is { } error)
            {
                return DomainCheckResult.Fail(check, $"{relay}: the lookup failed ({error})", "check that the relay's name resolves, then run the check again");
            }

            if (found.Values.Count == 0)
            {
                return DomainCheckResult.Fail(check, $"{relay}: the relay's name has no address", $"publish an A (or AAAA) record for {relay}, or fix Smtp:Host");
            }

            addresses = found.Values;
        }

        if (addresses.All(IsLocal))
        {
            return DomainCheckResult.Warn(check, $"{relay} is {string.Join(", ", addresses)}, a local or private address: receivers see the public address it sends from",
                "check the PTR of the relay's public sending address (it must name a host that resolves back to it)");
        }

        var confirmed = new List<string>();
        foreach (var address in addresses.Where(a => !IsLocal(a)))
        {
            var ptr = await dns.PtrAsync(address, cancellationToken);
            if (ptr.Error is { } error)
            {
                return DomainCheckResult.Fail(check, $"{address}: the reverse lookup failed ({error})", "check that the address's reverse zone answers, then run the check again");
            }

            if (ptr.Values.Count == 0)
            {
                return DomainCheckResult.Fail(check, $"{address}: no PTR record", $"ask the provider of {address} to set its PTR to {relay} (a name that resolves back to {address})");
            }

            string? back = null;
            foreach (var name in ptr.Values)
            {
                var forward = await dns.AddressesAsync(name, cancellationToken);
                if (forward.Values.Contains(address))
                {
                    back = name;
                    break;
                }
            }

            if (back is null)
            {
                return DomainCheckResult.Fail(check, $"{address}: PTR {string.Join(", ", ptr.Values)}, which does not resolve back to {address}",
                    $"publish an A (or AAAA) record {ptr.Values[0]} → {address}, or set the PTR to a name that resolves to it");
            }

            confirmed.Add($"{address} → {back} → {address}");
        }

        return DomainCheckResult.Pass(check, string.Join("; ", confirmed));
    }

    private static bool IsLocal(IPAddress address)
    {
        if (IPAddress.IsLoopback(address))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || (address.IsIPv4MappedToIPv6 && IsLocal(address.MapToIPv4()));
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) || b[0] == 0;
    }
}
