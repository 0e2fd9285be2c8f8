using Connector.Tests.TestSupport;
using Connector.Host;
using Connector.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;

namespace Connector.Tests.Webhooks;

/// <summary>AddWebhooks in the one composition: its job in serve's one scheduler (or none when disabled), options validated naming the key.</summary>
[CancelAfter(60_000)]
public sealed class WebhookCompositionTests
{
    [Test]
    public async Task AddConnector_Serve_WebhookJobInTheOneSchedulerAndServicesResolve()
    {
        await using var services = Compose(new Dictionary<string, string?> { ["Webhooks:IntervalSeconds"] = "9" });
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var triggers = (await scheduler.GetTriggersOfJob(WebhookDeliveryJob.Key)).OfType<ISimpleTrigger>().Select(t => t.RepeatInterval).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(triggers, Is.EqualTo(new[] { TimeSpan.FromSeconds(9) }));
            Assert.That(typeof(WebhookDeliveryJob).IsDefined(typeof(DisallowConcurrentExecutionAttribute), false), Is.True);
            Assert.That(services.GetService<WebhookProducer>(), Is.Not.Null);
            Assert.That(services.GetService<WebhookDispatcher>(), Is.Not.Null);
        });
    }

    [Test]
    public async Task AddConnector_WebhooksDisabled_NoWebhookJob()
    {
        await using var services = Compose(new Dictionary<string, string?> { ["Webhooks:Enabled"] = "false" });
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        Assert.That(await scheduler.GetJobDetail(WebhookDeliveryJob.Key), Is.Null);
    }

    [TestCase("IntervalSeconds", 0, "Webhooks:IntervalSeconds")]
    [TestCase("Timeout", 0, "Webhooks:Timeout")]
    [TestCase("DisableAfter", 0, "Webhooks:DisableAfter")]
    [TestCase("PassSize", 0, "Webhooks:PassSize")]
    public void Validate_BadValue_NamesTheKey(string property, int value, string key)
    {
        var options = property switch
        {
            "IntervalSeconds" => new WebhooksOptions { IntervalSeconds = value },
            "Timeout" => new WebhooksOptions { Timeout = TimeSpan.FromSeconds(value) },
            "DisableAfter" => new WebhooksOptions { DisableAfter = TimeSpan.FromSeconds(value) },
            _ => new WebhooksOptions { PassSize = value },
        };

        Assert.That(new WebhooksOptionsValidator().Validate(null, options).FailureMessage, Does.StartWith(key));
    }

    private static ServiceProvider Compose(Dictionary<string, string?> settings) => ServeComposition.Compose(settings);
}
