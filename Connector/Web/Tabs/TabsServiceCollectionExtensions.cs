using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Web.Tabs;

/// <summary>The deal and contact card tabs' queries and actions (needs Store, Scenarios, Templates, Sending, Campaigns).</summary>
public static class TabsServiceCollectionExtensions
{
    public static IServiceCollection AddTabs(this IServiceCollection services)
    {
        services.TryAddSingleton<TabQueries>();
        services.TryAddSingleton<TabLetters>();
        return services;
    }
}
