using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Connector.Operations.Telemetry;

/// <summary>
/// <c>GET /metrics</c> (Prometheus text exposition, OpenTelemetry's exporter), mapped only when <c>Metrics:Enabled=true</c>;
/// a request without <c>Authorization: Bearer {Metrics:Token}</c> gets 401 before the exporter runs.
/// </summary>
public static class MetricsEndpoint
{
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        var token = new MetricsToken(options.Token!);
        app.MapPrometheusScrapingEndpoint(MetricsOptions.Route, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            if (!token.Accepts(context.Request.Headers.Authorization.ToString()))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return;
            }

            await next(context);
        }), optionsName: null);
        return app;
    }
}
