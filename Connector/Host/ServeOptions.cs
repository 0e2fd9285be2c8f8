namespace Connector.Host;

/// <summary><c>urls</c> (<c>--urls</c>): where <c>serve</c> listens, one or more absolute http(s) URLs separated by <c>;</c>.</summary>
public sealed record ServeOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public string? Urls { get; set; }

    /// <summary>
    /// <c>Serve:TrustedProxies</c>: the reverse proxies (IP addresses or CIDR networks) whose <c>X-Forwarded-For</c> and
    /// <c>X-Forwarded-Proto</c> are believed, so tracking classifies the reader's address, not the proxy's. Empty (the
    /// default): the headers are ignored, whoever sends them.
    /// </summary>
    public IReadOnlyList<string> TrustedProxies { get; set; } = [];

    /// <summary>The configured list, from one comma-separated value or from an array section.</summary>
    public static IReadOnlyList<string> TrustedProxiesFrom(IConfiguration configuration)
        => Connector.Host.ConfigurationLists.Read(configuration, "Serve:TrustedProxies");

    /// <summary>An address as a one-address network, or a CIDR network; null when it is neither.</summary>
    public static System.Net.IPNetwork? ParseProxy(string text) =>
        System.Net.IPNetwork.TryParse(text, out var network) ? network
        : System.Net.IPAddress.TryParse(text, out var address) ? new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
        : null;

    /// <summary>The URL the host reaches itself on (wildcard hosts become loopback).</summary>
    public Uri SelfUrl()
    {
        var first = (Urls ?? DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? DefaultUrl;
        var uri = new UriBuilder(first.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)) { Path = "/" };
        return uri.Uri;
    }
}
