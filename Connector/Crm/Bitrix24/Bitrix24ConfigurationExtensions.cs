using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Crm.Bitrix24;

public static class Bitrix24ConfigurationExtensions
{
    public const string ClientSection = "Bitrix24:Client";

    /// <summary>The client with its options (AttemptTimeout, RetryCount, RetryBaseDelay, ...) read from <c>Bitrix24:Client</c>.</summary>
    public static IServiceCollection AddBitrix24Client(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBitrix24Client();
        services.Configure<Bitrix24ClientOptions>(configuration.GetSection(ClientSection));
        return services;
    }
}
