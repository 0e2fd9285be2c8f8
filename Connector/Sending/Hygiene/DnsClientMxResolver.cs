using DnsClient;
using DnsClient.Protocol;

namespace Connector.Sending.Hygiene;

/// <summary>
/// MX via DnsClient (answers cached by the client): MX records, else an A/AAAA fallback (RFC 5321 §5.1); "MX 0 ." is a
/// null MX; NXDOMAIN means no domain; SERVFAIL and timeouts are unknown, never invalid.
/// </summary>
public sealed class DnsClientMxResolver(ILookupClient client) : IMxResolver
{
    public async Task<MxAnswer> ResolveAsync(string domain, CancellationToken cancellationToken)
    {
        try
        {
            var mx = await client.QueryAsync(domain, QueryType.MX, cancellationToken: cancellationToken);
            if (mx.HasError)
            {
                return mx.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain ? MxAnswer.NoDomain : MxAnswer.Unknown;
            }

            var exchangers = mx.Answers.OfType<MxRecord>().ToList();
            if (exchangers.Count > 0)
            {
                return exchangers.All(r => r.Exchange.Value is "." or "") ? MxAnswer.NullMx : MxAnswer.HasMail;
            }

            var a = await client.QueryAsync(domain, QueryType.A, cancellationToken: cancellationToken);
            return a.Answers.OfType<ARecord>().Any() ? MxAnswer.HasMail : MxAnswer.NoDomain;
        }
        catch (DnsResponseException)
        {
            return MxAnswer.Unknown;
        }
    }
}
