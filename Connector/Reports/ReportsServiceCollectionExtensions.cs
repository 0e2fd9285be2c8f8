using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Reports;

/// <summary>The read-only report queries (the CLI's <c>report</c> verb now, the API later).</summary>
public static class ReportsServiceCollectionExtensions
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.TryAddSingleton<ReportQueries>();
        return services;
    }
}
