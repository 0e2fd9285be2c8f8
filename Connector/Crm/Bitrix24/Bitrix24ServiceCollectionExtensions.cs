using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Refit;

namespace Connector.Crm.Bitrix24;

public static class Bitrix24ServiceCollectionExtensions
{
    /// <summary>Placeholder base address; <see cref="Bitrix24AuthHandler"/> replaces it with the portal's URL.</summary>
    public static readonly Uri PlaceholderBaseAddress = new("http://bitrix24.invalid/");

    /// <summary>
    /// Registers <see cref="IBitrix24Client"/>, the Refit <see cref="IBitrix24Api"/> with the auth handler and the
    /// "bitrix24" resilience pipeline, and webhook credentials. HttpClient's request loggers are removed: they log URLs,
    /// and a webhook URL is a secret.
    /// </summary>
    public static IServiceCollection AddBitrix24Client(this IServiceCollection services, Action<Bitrix24ClientOptions>? configure = null)
    {
        var options = services.AddOptions<Bitrix24ClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<Bitrix24LeakyBucket>();
        services.TryAddSingleton<Bitrix24OperatingBudget>();
        services.TryAddSingleton<Bitrix24Meters>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBitrix24Credentials, Bitrix24WebhookCredentials>());
        services.TryAddTransient<Bitrix24AuthHandler>();
        // Transient like the typed Refit client it wraps (handler rotation); all state lives in the singletons above.
        services.TryAddTransient<IBitrix24Client, Bitrix24Client>();

        services.AddRefitGeneratedClient<IBitrix24Api>()
            .ConfigureHttpClient(client =>
            {
                client.BaseAddress = PlaceholderBaseAddress;
                // The pipeline owns time limits (per attempt, per retry); HttpClient's 100 s would cut retries short.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            // Redirects are followed by Bitrix24AuthHandler: auto-redirect would turn a POST into a GET (change-domen.md).
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .RemoveAllLoggers()
            .AddHttpMessageHandler<Bitrix24AuthHandler>()
            .AddResilienceHandler(Bitrix24Resilience.PipelineName, Bitrix24Resilience.Configure);
        return services;
    }
}
