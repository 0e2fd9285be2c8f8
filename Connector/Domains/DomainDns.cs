using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace Connector.Domains;

/// <summary>
/// The lookups the domain check needs, through DnsClient (<c>Dns:Servers</c>, else the system resolver), uncached so a
/// record just published is seen. Failures are values (<see cref="DnsAnswer{T}"/>), never exceptions.
/// </summary>
public sealed class DomainDns(ILookupClient client)
{
    /// <summary>Each TXT record as one string (its character-strings joined, as RFC 7208 §3.3 and RFC 6376 §3.6.2.2 read them).</summary>
    public Task<DnsAnswer<string>> TxtAsync(string name, CancellationToken cancellationToken) =>
        QueryAsync(name, QueryType.TXT, r => r.Answers.TxtRecords().Select(t => string.Concat(t.Text)), cancellationToken);

    public Task<DnsAnswer<(int Preference, string Exchange)>> MxAsync(string name, CancellationToken cancellationToken) =>
        QueryAsync(name, QueryType.MX, r => r.Answers.MxRecords().Select(m => ((int)m.Preference, m.Exchange.Value.TrimEnd('.'))), cancellationToken);

    /// <summary>A and AAAA records of a name.</summary>
    public async Task<DnsAnswer<IPAddress>> AddressesAsync(string name, CancellationToken cancellationToken)
    {
        var v4 = await QueryAsync(name, QueryType.A, r => r.Answers.ARecords().Select(a => a.Address), cancellationToken);
        if (v4.Error is not null || v4.NoDomain)
        {
            return v4;
        }

        var v6 = await QueryAsync(name, QueryType.AAAA, r => r.Answers.AaaaRecords().Select(a => a.Address), cancellationToken);
        return v6.Error is not null ? v6 : new DnsAnswer<IPAddress>([.. v4.Values, .. v6.Values]);
    }

    public Task<DnsAnswer<string>> PtrAsync(IPAddress address, CancellationToken cancellationToken) =>
        QueryAsync(address.GetArpaName(), QueryType.PTR, r => r.Answers.PtrRecords().Select(p => p.PtrDomainName.Value.TrimEnd('.')), cancellationToken);

    private async Task<DnsAnswer<T>> QueryAsync<T>(string name, QueryType type, Func<IDnsQueryResponse, IEnumerable<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.QueryAsync(name, type, QueryClass.IN, cancellationToken);
            if (response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain)
            {
                return new DnsAnswer<T>([], NoDomain: true);
            }

            return response.HasError
                ? DnsAnswer<T>.Failed($"{type} {name}: {response.ErrorMessage}")
                : new DnsAnswer<T>(read(response).ToList());
        }
        catch (DnsResponseException ex)
        {
            return DnsAnswer<T>.Failed($"{type} {name}: {ex.Message}");
        }
    }
}
