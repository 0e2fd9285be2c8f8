using Connector.Cli;
using Microsoft.Extensions.Configuration;

namespace Connector.Tests.Operations;

/// <summary>Telemetry settings are validated with the rest at start: one line naming the key, never the token.</summary>
[CancelAfter(30_000)]
public sealed class TelemetryConfigurationTests
{
    [TestCase("Metrics:Enabled=true", "Metrics:Token: required when Metrics:Enabled=true")]
    [TestCase("Metrics:Enabled=true;Metrics:Token=short-secret", "Metrics:Token: required when Metrics:Enabled=true")]
    [TestCase("OTEL_EXPORTER_OTLP_ENDPOINT=notaurl", "OTEL_EXPORTER_OTLP_ENDPOINT: 'notaurl' is not an absolute http(s) URL")]
    [TestCase("OTEL_EXPORTER_OTLP_ENDPOINT=ftp://collector:21", "OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://collector:21' is not an absolute http(s) URL")]
    [TestCase("Health:MaxSyncAge=-00:05:00", "Health:MaxSyncAge: must not be negative")]
    [TestCase("Health:SmtpProbeInterval=00:00:00", "Health:SmtpProbeInterval: must be positive")]
    public void FirstProblem_BadTelemetrySetting_NamesTheKey(string settings, string expected)
    {
        var problem = ConfigValidation.FirstProblem(Configuration(settings));

        Assert.Multiple(() =>
        {
            Assert.That(problem, Does.StartWith(expected));
            Assert.That(problem, Does.Not.Contain("short-secret"));
        });
    }

    [TestCase("Metrics:Enabled=false")]
    [TestCase("Metrics:Enabled=true;Metrics:Token=0123456789abcdef")]
    [TestCase("OTEL_EXPORTER_OTLP_ENDPOINT=http://otel-collector:4318;Health:MaxSyncAge=00:00:00")]
    public void FirstProblem_GoodTelemetrySettings_None(string settings) =>
        Assert.That(ConfigValidation.FirstProblem(Configuration(settings)), Is.Null);

    private static IConfiguration Configuration(string settings) => new ConfigurationBuilder().AddInMemoryCollection(settings.Split(';')
        .Select(pair => pair.Split('=', 2)).Select(kv => new KeyValuePair<string, string?>(kv[0], kv[1]))).Build();
}
