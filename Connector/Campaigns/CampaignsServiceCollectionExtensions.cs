using Connector.Campaigns.Broadcasts;
using Connector.Campaigns.Experiments;
using Quartz;
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
        services.TryAddSingleton(new ThompsonAllocator(Random.Shared));
        services.TryAddSingleton<CampaignZones>();
        services.TryAddSingleton<CampaignStore>();
        services.TryAddSingleton<CampaignValidator>();
        services.TryAddSingleton<CampaignRunner>();
        return services;
    }

    /// <summary>Serve's campaign job: every <paramref name="intervalSeconds"/>, the due campaigns one step further.</summary>
    public static IQuartzBuilder AddCampaignJobs(this IQuartzBuilder quartz, int intervalSeconds)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        quartz.AddJob<CampaignJob>(j => j.WithIdentity(CampaignJob.Key));
        quartz.AddTrigger(t => t.ForJob(CampaignJob.Key).WithIdentity("campaign-step-trigger", "campaigns")
            .StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(intervalSeconds)).RepeatForever()));
        return quartz;
    }
}
