namespace Connector.Domains;

/// <summary>
/// The organisational domain of DMARC's relaxed alignment (RFC 7489 §3.2): the public suffix plus one label. Without
/// the full Public Suffix List this knows the one-label suffixes and a short list of common two-label ones (co.uk,
/// com.au, msk.ru, …); a domain under a private suffix that is not listed reads as its last two (or three) labels.
/// </summary>
public static class OrganisationalDomain
{
    private static readonly HashSet<string> TwoLabelSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "co.uk", "org.uk", "me.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk", "net.uk",
        "com.au", "net.au", "org.au", "co.nz", "org.nz", "co.jp", "ne.jp", "or.jp", "co.kr", "co.za", "co.in", "co.il",
        "com.br", "com.cn", "com.tr", "com.ua", "com.mx", "com.ar", "com.sg", "com.hk", "com.tw", "com.pl",
        "com.ru", "net.ru", "org.ru", "msk.ru", "spb.ru", "pp.ru", "com.kz", "org.kz", "com.by",
    };

    public static string Of(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var labels = domain.Trim().TrimEnd('.').ToLowerInvariant().Split('.');
        if (labels.Length <= 2)
        {
            return string.Join('.', labels);
        }

        var lastTwo = $"{labels[^2]}.{labels[^1]}";
        return TwoLabelSuffixes.Contains(lastTwo) ? $"{labels[^3]}.{lastTwo}" : lastTwo;
    }

    public static bool Aligned(string a, string b) => string.Equals(Of(a), Of(b), StringComparison.Ordinal);
}
