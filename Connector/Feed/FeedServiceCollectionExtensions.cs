using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Feed;

/// <summary>
/// The Results slice: the one reader of the fact tables (send_ledger outcomes, engagement_hits, bounce_events) as typed
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
}
