using System.Globalization;

namespace Connector.Reports;

/// <summary>
/// Domains as people read them: the store keeps the ASCII (punycode) form every MTA uses, a person reads
/// <c>почта.рф</c>, not <c>xn--80a1acny.xn--p1ai</c>. For display only; JSON and the API keep the stored form.
/// </summary>
public static class DisplayDomain
{
    private static readonly IdnMapping Idn = new();

    /// <summary>The domain, or the address with its domain, in Unicode; the text as it is when it is not valid IDNA.</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.LastIndexOf('@');
        var domain = at >= 0 ? text[(at + 1)..] : text;
        if (!domain.Contains("xn--", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        try
        {
            var unicode = Idn.GetUnicode(domain);
            return at >= 0 ? string.Concat(text.AsSpan(0, at + 1), unicode) : unicode;
        }
        catch (ArgumentException)
        {
            return text;
        }
    }
}
