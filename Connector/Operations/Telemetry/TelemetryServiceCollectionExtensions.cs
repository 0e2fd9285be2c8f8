using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Connector.Operations.Telemetry;

/// <summary>
/// OpenTelemetry in a serving host: the <see cref="ConnectorTelemetry.Name"/> meter (and ASP.NET Core's) to the
/// Prometheus exporter when <c>Metrics:Enabled=true</c>, and metrics plus traces (sync passes, send batches, inbound
/// HTTP) over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (HTTP/protobuf unless
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL=grpc</c>). With neither, OpenTelemetry is not added at all.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string OtlpProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    public static IServiceCollection AddMetricsOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>());
        return services;
    }

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var prometheus = configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>()?.Enabled ?? false;
        var otlp = Uri.TryCreate(configuration[OtlpEndpointVariable], UriKind.Absolute, out var endpoint) ? endpoint : null;
        if (!prometheus && otlp is null)
        {
            return services;
        }

        var protocol = string.Equals(configuration[OtlpProtocolVariable], "grpc", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        services.TryAddSingleton<ConnectorGauges>();
        // The gauges are created at start, so the first scrape or export sees them.
        services.AddHostedService<GaugesStarter>();
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("crm-esp", serviceVersion: typeof(ConnectorTelemetry).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ConnectorTelemetry.Name);
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(ConnectorTelemetry.Name).AddAspNetCoreInstrumentation(o => o.Filter = context =>
                    !context.Request.Path.StartsWithSegments(MetricsOptions.Route, StringComparison.Ordinal));
            });
        if (otlp is not null)
        {
            // UseOtlpExporter exports traces, metrics and logs; posting to {endpoint}/v1/traces, /v1/metrics, /v1/logs over HTTP.
            builder.UseOtlpExporter(protocol, otlp);
        }

        return services;
    }
}
