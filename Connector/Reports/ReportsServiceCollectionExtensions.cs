using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Reports;

/// <summary>The read-only report queries (the CLI's <c>report</c> verb, the REST API, the pages' dashboard and reports).</summary>
public static class ReportsServiceCollectionExtensions
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.TryAddSingleton<ReportQueries>();
        services.TryAddSingleton<Ui.UiReportQueries>();
        services.TryAddSingleton<Ui.SendingDomainHealth>();
        return services;
    }
}
