using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace Connector.Feed;

/// <summary>
/// The Feed slice: the one reader of the fact tables (send_ledger outcomes, engagement_hits, bounce_events) as typed
/// facts, and the followers' cursors (0019), for every slice that acts on results (Timeline, Webhooks, scenario
/// conditions). It owns results_cursors and results_ledger_watch; it never writes a fact table.
/// </summary>
public static class FeedServiceCollectionExtensions
{
    public static IServiceCollection AddFeed(this IServiceCollection services)
    {
        services.TryAddSingleton<ResultsFeed>();
        services.TryAddSingleton<ResultsCursorStore>();
        services.TryAddSingleton<ResultsFollower>();
        return services;
    }

    /// <summary>A follower's pass (<typeparamref name="TJob"/>) on the host's one scheduler: at start, then every <paramref name="intervalSeconds"/>.</summary>
    public static IQuartzBuilder AddFollowerJob<TJob>(this IQuartzBuilder quartz, JobKey key, int intervalSeconds)
        where TJob : IJob
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(key);
        quartz.AddJob<TJob>(j => j.WithIdentity(key));
        quartz.AddTrigger(t => t.ForJob(key).WithIdentity($"{key.Name}-trigger", key.Group)
            .StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(intervalSeconds)).RepeatForever()));
        return quartz;
    }
}
