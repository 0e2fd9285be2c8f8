using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Segments;

public static class SegmentsServiceCollectionExtensions
{
    /// <summary>The filter language's evaluator, the saved segments and the queries that run a segment over the mirror.</summary>
    public static IServiceCollection AddSegments(this IServiceCollection services)
    {
        services.TryAddSingleton<SegmentStore>();
        services.TryAddSingleton<SegmentQueries>();
        services.TryAddSingleton<SegmentEvaluator>();
        services.TryAddSingleton<SegmentCustomFields>();
        return services;
    }
}
