namespace Connector.Host;

/// <summary><c>urls</c> (<c>--urls</c>): where <c>serve</c> listens, one or more absolute http(s) URLs separated by <c>;</c>.</summary>
public sealed record ServeOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public string? Urls { get; set; }

    /// <summary>The URL the host reaches itself on (wildcard hosts become loopback).</summary>
    public Uri SelfUrl()
    {
        var first = (Urls ?? DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? DefaultUrl;
        var uri = new UriBuilder(first.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)) { Path = "/" };
        return uri.Uri;
    }
}
