using Connector.Feed;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace Connector.Timeline;

/// <summary>
/// The Timeline slice: results → a durable outbox → the CRM timeline, the opt-out field and automation triggers.
/// It owns the timeline tables (0012) and the <see cref="ICrmTimeline"/> port; it never sees a CRM's wire format.
/// </summary>
public static class TimelineServiceCollectionExtensions
{
    public static IServiceCollection AddTimelineOptions(this IServiceCollection services)
    {
        services.AddOptions<TimelineOptions>().BindConfiguration(TimelineOptions.Section).ValidateOnStart();
        services.AddOptions<CrmOptOutOptions>().BindConfiguration(CrmOptOutOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TimelineOptions>, TimelineOptionsValidator>());
        return services;
    }

    public static IServiceCollection AddTimeline(this IServiceCollection services)
    {
        services.AddTimelineOptions();
        services.TryAddSingleton<TimelineOutboxStore>();
        services.TryAddSingleton<TimelineProducer>();
        services.TryAddSingleton<TimelineDispatcher>();
        services.TryAddSingleton<OptOutWatcher>();
        services.TryAddSingleton<TimelineWriteBack>();
        return services;
    }

    public static IQuartzBuilder AddTimelineJobs(this IQuartzBuilder quartz, TimelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return quartz.AddFollowerJob<TimelineDispatchJob>(TimelineDispatchJob.Key, options.IntervalSeconds);
    }
}
