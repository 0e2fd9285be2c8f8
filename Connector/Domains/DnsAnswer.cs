namespace Connector.Domains;

/// <summary>
/// One DNS lookup: the records found (empty for NODATA), <see cref="NoDomain"/> for NXDOMAIN, or <see cref="Error"/>
/// when the lookup itself failed (SERVFAIL, REFUSED, timeout) and nothing can be concluded.
/// </summary>
public sealed record DnsAnswer<T>(IReadOnlyList<T> Values, bool NoDomain = false, string? Error = null)
{
    public static DnsAnswer<T> Failed(string error) => new([], Error: error);
}
