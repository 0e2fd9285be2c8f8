using System.IO.Compression;

namespace Connector.Sending.Hygiene;

/// <summary>
/// The vendored role-account and disposable-domain lists (<c>Sending/Hygiene/Lists/</c>, MIT, see its README), read
/// from the assembly once, on first use: about 1,000 role names, 121,000 disposable domains and 400 domains that are
/// disposable with every subdomain.
/// </summary>
public static class HygieneLists
{
    private static readonly Lazy<HashSet<string>> RoleNames = new(() => Read("role-accounts.txt", gzip: false));
    private static readonly Lazy<HashSet<string>> DisposableDomains = new(() => Read("disposable-domains.txt.gz", gzip: true));
    private static readonly Lazy<HashSet<string>> DisposableParents = new(() => Read("disposable-wildcard.txt", gzip: false));

    public static int DisposableCount => DisposableDomains.Value.Count;

    public static int RoleCount => RoleNames.Value.Count;

    public static bool IsRole(string localPart)
    {
        ArgumentNullException.ThrowIfNull(localPart);
        return RoleNames.Value.Contains(localPart);
    }

    /// <summary>The domain is on the list, or a subdomain of a wildcard entry (<c>x.33mail.com</c>).</summary>
    public static bool IsDisposable(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (DisposableDomains.Value.Contains(domain))
        {
            return true;
        }

        for (var suffix = domain; ; suffix = suffix[(suffix.IndexOf('.', StringComparison.Ordinal) + 1)..])
        {
            if (DisposableParents.Value.Contains(suffix))
            {
                return true;
            }

            if (!suffix.Contains('.', StringComparison.Ordinal))
            {
                break;
            }
        }

        return false;
    }

    private static HashSet<string> Read(string name, bool gzip)
    {
        var assembly = typeof(HygieneLists).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var decompressed = gzip ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        using var reader = new StreamReader(decompressed);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line.Trim());
            }
        }

        return set;
    }
}
