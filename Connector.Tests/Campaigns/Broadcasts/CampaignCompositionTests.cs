using Connector.Tests.TestSupport;
using Connector.Campaigns.Broadcasts;
using Connector.Host;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;

namespace Connector.Tests.Campaigns.Broadcasts;

/// <summary>The campaign job in serve's one scheduler under a stable key, off with interval 0, the options checked; the job launches a due campaign.</summary>
[CancelAfter(60_000)]
public sealed class CampaignCompositionTests
{
    [Test]
    public async Task Serve_CampaignJobInTheOneScheduler_StableKey_NotConcurrent()
    {
        await using var services = Compose(new Dictionary<string, string?> { ["Campaigns:IntervalSeconds"] = "9" });
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var triggers = (await scheduler.GetTriggersOfJob(CampaignJob.Key)).OfType<ISimpleTrigger>().Select(t => t.RepeatInterval).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(CampaignJob.Key, Is.EqualTo(new JobKey("campaign-step", "campaigns")));
            Assert.That(triggers, Is.EqualTo(new[] { TimeSpan.FromSeconds(9) }));
            Assert.That(typeof(CampaignJob).IsDefined(typeof(DisallowConcurrentExecutionAttribute), false), Is.True);
        });
    }

    [Test]
    public async Task Serve_IntervalZero_NoCampaignJob()
    {
        await using var services = Compose(new Dictionary<string, string?> { ["Campaigns:IntervalSeconds"] = "0" });
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        Assert.That(await scheduler.GetJobDetail(CampaignJob.Key), Is.Null);
    }

    [TestCase(-1)]
    [TestCase(3601)]
    public void Validate_IntervalOutOfRange_NamesTheKey(int interval) =>
        Assert.That(new CampaignsOptionsValidator().Validate(null, new CampaignsOptions { IntervalSeconds = interval }).FailureMessage, Does.StartWith("Campaigns:IntervalSeconds"));

    [Test]
    public async Task Job_LaunchesTheDueCampaign(CancellationToken cancellationToken)
    {
        await using var rig = await CampaignRig.StartAsync(cancellationToken);
        await rig.SeedContactsAsync(1, 3);
        await rig.CreateAsync(new CampaignSpec { Template = CampaignRig.Template, Segment = "contact.name = \"Reader\"" }, cancellationToken);
        var job = new CampaignJob(rig.Runner, NullLogger<CampaignJob>.Instance);

        await job.Execute(null!, cancellationToken);

        Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM send_ledger WHERE send_key LIKE 'scheduled-campaign:%'"), Is.EqualTo(3));
    }

    private static ServiceProvider Compose(Dictionary<string, string?> settings) => ServeComposition.Compose(settings);
}
