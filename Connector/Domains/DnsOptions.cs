namespace Connector.Domains;

/// <summary>
/// Section <c>Dns</c>: <c>Dns:Servers</c>, the name servers DNS checks ask instead of the system resolver — a
/// comma-separated <c>host:port</c> list (or an array), each host an IP address (<c>[::1]:53</c> for IPv6) or
/// <c>localhost</c>; the port defaults to 53. <c>Dns:Timeout</c> bounds one query (default 2 s).
/// </summary>
public sealed record DnsOptions
{
    public const string Section = "Dns";

    public IReadOnlyList<string> Servers { get; set; } = [];

    public string? Timeout { get; set; }

    /// <summary>The configured list, from one comma-separated value or from an array section.</summary>
    public static IReadOnlyList<string> ServersFrom(IConfiguration configuration)
        => Connector.Host.ConfigurationLists.Read(configuration, $"{Section}:Servers");
}
