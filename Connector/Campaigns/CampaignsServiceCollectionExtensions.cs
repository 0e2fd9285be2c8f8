using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Campaigns;

public static class CampaignsServiceCollectionExtensions
{
    /// <summary>The campaign use case (needs the Sending and Store slices).</summary>
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.TryAddSingleton<CampaignSender>();
        return services;
    }
}
