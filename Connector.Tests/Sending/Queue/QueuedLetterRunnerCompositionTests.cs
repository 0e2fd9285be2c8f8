using Connector.Tests.TestSupport;
using Connector.Host;
using Connector.Sending.Queue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connector.Tests.Sending.Queue;

/// <summary>AddSending in the one composition: serve's runner is a hosted service unless disabled; its options validated at start, naming the key.</summary>
[CancelAfter(60_000)]
public sealed class QueuedLetterRunnerCompositionTests
{
    [TestCase(null, true)]
    [TestCase("true", true)]
    [TestCase("false", false)]
    public async Task AddConnector_Serve_RunnerHostedUnlessDisabled(string? enabled, bool hosted)
    {
        // The CLI's composition: the same AddSending (the hosted services are listed, never started) without serve's Quartz host.
        await using var services = Compose(new Dictionary<string, string?> { ["Sending:Runner:Enabled"] = enabled }, ConnectorHostKind.Cli);

        Assert.Multiple(() =>
        {
            Assert.That(services.GetServices<IHostedService>().OfType<QueuedLetterRunner>().Any(), Is.EqualTo(hosted));
            Assert.That(services.GetRequiredService<ISendQueue>(), Is.InstanceOf<SendQueue>());
            Assert.That(services.GetRequiredService<IOptions<QueuedLetterRunnerOptions>>().Value.PollIntervalSeconds, Is.EqualTo(5));
        });
    }

    [TestCase("PollIntervalSeconds", "0", "Sending:Runner:PollIntervalSeconds")]
    [TestCase("PollIntervalSeconds", "3601", "Sending:Runner:PollIntervalSeconds")]
    [TestCase("Workers", "0", "Sending:Runner:Workers")]
    [TestCase("Workers", "65", "Sending:Runner:Workers")]
    public async Task Start_BadRunnerOption_FailsNamingTheKey(string property, string value, string key)
    {
        await using var services = Compose(new Dictionary<string, string?> { [$"Sending:Runner:{property}"] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(failure!.Failures.Single(), Does.StartWith(key));
    }

    private static ServiceProvider Compose(Dictionary<string, string?> settings, ConnectorHostKind kind = ConnectorHostKind.Serve) => ServeComposition.Compose(settings, kind);
}
