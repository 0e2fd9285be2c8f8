using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Web.UiSession;

/// <summary>The pages' server side: session tokens and the first data of a page.</summary>
public static class UiSessionServiceCollectionExtensions
{
    public static IServiceCollection AddUiSession(this IServiceCollection services)
    {
        services.TryAddSingleton<UiSessionTokens>();
        services.TryAddSingleton<UiInitialData>();
        return services;
    }
}
