using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace Connector.Rfm;

/// <summary>
/// The RFM slice: recency, frequency and monetary value from won deals in the mirror (migration 0033), the 5×5 grid's
/// named segments (read by the segment language's <c>rfm.*</c> fields and the <c>rfm_entered</c> scenario trigger),
/// monthly cohorts, a refresh job, and the app's <c>/api/ui/rfm</c> routes.
/// </summary>
public static class RfmServiceCollectionExtensions
{
    public static IServiceCollection AddRfmOptions(this IServiceCollection services)
    {
        services.AddOptions<RfmOptions>().BindConfiguration(RfmOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RfmOptions>, RfmOptionsValidator>());
        return services;
    }

    public static IServiceCollection AddRfm(this IServiceCollection services)
    {
        services.AddRfmOptions();
        services.TryAddSingleton<RfmRefresher>();
        services.TryAddSingleton<RfmQueries>();
        return services;
    }

    public static IQuartzBuilder AddRfmJobs(this IQuartzBuilder quartz, RfmOptions options)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(options);
        quartz.AddJob<RfmRefreshJob>(j => j.WithIdentity(RfmRefreshJob.Key));
        quartz.AddTrigger(t => t.ForJob(RfmRefreshJob.Key).WithIdentity("rfm-refresh-trigger", "rfm")
            .StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(options.IntervalMinutes)).RepeatForever()));
        return quartz;
    }
}
