using DnsClient;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Domains;

public static class DomainsServiceCollectionExtensions
{
    /// <summary><c>Dns:*</c> bound and validated at start.</summary>
    public static IServiceCollection AddDomainsOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DnsOptions>().Configure(o =>
        {
            o.Servers = DnsOptions.ServersFrom(configuration);
            o.Timeout = configuration[$"{DnsOptions.Section}:Timeout"];
        }).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DnsOptions>, DnsOptionsValidator>());
        return services;
    }

    /// <summary>The domain check and its resolver (<c>Dns:Servers</c>, else the system's).</summary>
    public static IServiceCollection AddDomains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDomainsOptions(configuration);
        services.TryAddSingleton(sp => new DomainDns(CreateClient(sp.GetRequiredService<IOptions<DnsOptions>>().Value, useCache: false)));
        services.TryAddSingleton<DomainChecker>();
        return services;
    }

    /// <summary>
    /// A DnsClient resolver on <c>Dns:Servers</c> (else the system's) with <c>Dns:Timeout</c>: uncached for the domain
    /// check (it must see a record just published), cached for the import's MX checks (many recipients share a domain).
    /// </summary>
    public static LookupClient CreateClient(DnsOptions options, bool useCache)
    {
        ArgumentNullException.ThrowIfNull(options);
        var timeout = options.Timeout is { } t ? TimeSpan.Parse(t, System.Globalization.CultureInfo.InvariantCulture) : TimeSpan.FromSeconds(2);
        var servers = options.Servers.Select(DnsServerAddress.TryParse).OfType<System.Net.IPEndPoint>().Select(e => new NameServer(e)).ToArray();
        var settings = servers.Length > 0 ? new LookupClientOptions(servers) : new LookupClientOptions();
        settings.UseCache = useCache;
        settings.Timeout = timeout;
        settings.Retries = 1;
        settings.ThrowDnsErrors = false;
        settings.UseTcpFallback = true;
        settings.ContinueOnDnsError = false;
        return new LookupClient(settings);
    }
}
