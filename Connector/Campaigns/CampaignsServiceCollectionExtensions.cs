using Connector.Campaigns.Broadcasts;
using Connector.Campaigns.Experiments;
using Microsoft.Extensions.Options;
using Quartz;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Campaigns;

public static class CampaignsServiceCollectionExtensions
{
    /// <summary><c>Campaigns:*</c>, bound and validated at start.</summary>
    public static IServiceCollection AddCampaignsOptions(this IServiceCollection services)
    {
        services.AddOptions<CampaignsOptions>().BindConfiguration(CampaignsOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CampaignsOptions>, CampaignsOptionsValidator>());
        return services;
    }

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
        services.TryAddSingleton<Ui.CampaignTemplateList>();
        return services;
    }

    /// <summary>Serve's campaign job (stable key <c>campaigns.campaign-step</c>): every <c>IntervalSeconds</c>, the due campaigns one step further.</summary>
    public static IQuartzBuilder AddCampaignJobs(this IQuartzBuilder quartz, CampaignsOptions options)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(options);
        var intervalSeconds = options.IntervalSeconds;
        quartz.AddJob<CampaignJob>(j => j.WithIdentity(CampaignJob.Key));
        quartz.AddTrigger(t => t.ForJob(CampaignJob.Key).WithIdentity("campaign-step-trigger", "campaigns")
            .StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(intervalSeconds)).RepeatForever()));
        return quartz;
    }
}
