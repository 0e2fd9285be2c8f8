namespace Connector.Domains;

/// <summary>A DKIM key record's tags (RFC 6376 §3.6.1: <c>tag=value</c> pairs split by <c>;</c>, folding whitespace ignored).</summary>
public static class DkimTags
{
    public static IReadOnlyDictionary<string, string> Parse(string record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in record.Split(';'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                tags.TryAdd(part[..equals].Trim(), string.Concat(part[(equals + 1)..].Where(c => !char.IsWhiteSpace(c))));
            }
        }

        return tags;
    }

    /// <summary>Same key: the same <c>p=</c> and the same <c>k=</c> (default rsa).</summary>
    public static bool SameKey(string published, string expected)
    {
        var (a, b) = (Parse(published), Parse(expected));
        return a.TryGetValue("p", out var p) && b.TryGetValue("p", out var q) && p.Length > 0 && string.Equals(p, q, StringComparison.Ordinal)
            && string.Equals(a.GetValueOrDefault("k", "rsa"), b.GetValueOrDefault("k", "rsa"), StringComparison.OrdinalIgnoreCase);
    }
}
