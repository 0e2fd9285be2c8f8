using Connector.Tests.TestSupport;
using Connector.Crm.Bitrix24.OAuth;
using Connector.Host;
using Connector.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;

namespace Connector.Tests.Sync;

/// <summary>The serving composition's one scheduler: which jobs it holds, with sync jobs on and off.</summary>
[CancelAfter(120_000)]
public sealed class SyncJobsRegistrationTests
{
    [Test]
    public async Task AddConnector_Defaults_IncrementalEveryMinuteFullNightlyNoConcurrency()
    {
        await using var services = Compose(new Dictionary<string, string?>());
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var incremental = (await scheduler.GetTriggersOfJob(IncrementalSyncJob.Key)).OfType<ISimpleTrigger>().ToList();
        var full = (await scheduler.GetTriggersOfJob(FullSyncJob.Key)).OfType<ICronTrigger>().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(incremental.Select(t => t.RepeatInterval), Is.EqualTo(new[] { TimeSpan.FromMinutes(1) }));
            Assert.That(full.Select(t => t.CronExpressionString), Is.EqualTo(new[] { "0 0 3 * * ?" }));
            Assert.That(typeof(IncrementalSyncJob).IsDefined(typeof(DisallowConcurrentExecutionAttribute), false), Is.True);
            Assert.That(typeof(FullSyncJob).IsDefined(typeof(DisallowConcurrentExecutionAttribute), false), Is.True);
        });
    }

    // Regression: the scheduler used to be started by the sync slice only, so Sync:JobsEnabled=false silently stopped
    // the token keep-alive job too (refresh tokens die after 180 days without it).
    [Test]
    public async Task AddConnector_SyncJobsDisabled_SchedulerStillHostedWithTokenKeepAliveAndNoSyncJobs()
    {
        var collection = new ServiceCollection();
        await using var services = Compose(new Dictionary<string, string?> { ["Sync:JobsEnabled"] = "false" }, collection);
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var keepAlive = (await scheduler.GetTriggersOfJob(TokenKeepAliveJob.Key)).OfType<ICronTrigger>().Select(t => t.CronExpressionString).ToList();
        var hosted = collection.Where(d => d.ServiceType == typeof(IHostedService)).Select(d => d.ImplementationType?.Name).ToList();

        Assert.Multiple(async () =>
        {
            Assert.That(keepAlive, Is.EqualTo(new[] { "0 30 4 * * ?" }));
            Assert.That(hosted, Does.Contain("QuartzHostedService"));
            Assert.That(await scheduler.GetJobDetail(IncrementalSyncJob.Key), Is.Null);
            Assert.That(await scheduler.GetJobDetail(FullSyncJob.Key), Is.Null);
        });
    }

    [Test]
    public void AddConnector_Serve_OneSchedulerRegistration()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Store:Path"] = TempStore() }).Build();
        services.AddSingleton<IConfiguration>(configuration).AddConnector(configuration, PortalChoice.From(configuration, false), TimeProvider.System, ConnectorHostKind.Serve);

        Assert.That(services.Count(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "QuartzHostedService"), Is.EqualTo(1));
    }

    // Item: serve can send. The campaign use case and the sending setup come from the same composition as the CLI's.
    [Test]
    public async Task AddConnector_Serve_CampaignSenderResolvesAndSendingSetupBuilds()
    {
        using var rig = new Connector.Tests.Sending.SendingRig();
        await using var services = Compose(new Dictionary<string, string?>
        {
            ["Sender:FromAddress"] = "news@example.com", ["Dkim:Domain"] = "example.com", ["Dkim:KeyFolder"] = rig.KeyFolder,
            ["Tracking:BaseUrl"] = "https://t.example.com", ["Smtp:PickupFolder"] = Path.Combine(rig.KeyFolder, "pickup"),
        });
        var campaigns = services.GetService<Connector.Campaigns.CampaignSender>();
        var (setup, problem) = await services.GetRequiredService<Connector.Sending.SendingSetupSource>().GetAsync(TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(campaigns, Is.Not.Null);
            Assert.That(problem, Is.Null);
            Assert.That(setup?.Settings.FromDomain, Is.EqualTo("example.com"));
        });
    }

    private static ServiceProvider Compose(Dictionary<string, string?> settings, ServiceCollection? collection = null) => ServeComposition.Compose(settings, collection: collection, storePath: TempStore());

    private static string TempStore() => Path.Combine(Path.GetTempPath(), "crm-esp-tests", Guid.NewGuid().ToString("N"), "m.db");
}
