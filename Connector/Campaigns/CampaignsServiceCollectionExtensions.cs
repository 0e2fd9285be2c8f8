using Connector.Campaigns.Experiments;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Campaigns;

public static class CampaignsServiceCollectionExtensions
{
    /// <summary>The campaign use case (needs the Sending, Store and Templates slices).</summary>
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.TryAddSingleton<CampaignMirror>();
        services.TryAddSingleton<CampaignRecipients>();
        services.TryAddSingleton<SendKeyStore>();
        services.TryAddSingleton<CampaignSender>();
        services.TryAddSingleton<SendTimeHours>();
        return services;
    }
}
