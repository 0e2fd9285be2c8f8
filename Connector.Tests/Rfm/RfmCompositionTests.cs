using Connector.Rfm;
using Connector.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Connector.Tests.Rfm;

/// <summary>AddRfm in the one composition: its refresh job in serve's one scheduler (none when disabled), options validated naming the key.</summary>
[CancelAfter(60_000)]
public sealed class RfmCompositionTests
{
    [Test]
    public async Task AddConnector_Serve_RefreshJobEveryIntervalAndServicesResolve()
    {
        await using var services = ServeComposition.Compose(new Dictionary<string, string?> { ["Rfm:IntervalMinutes"] = "30" });
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var triggers = (await scheduler.GetTriggersOfJob(RfmRefreshJob.Key)).OfType<ISimpleTrigger>().Select(t => t.RepeatInterval).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(triggers, Is.EqualTo(new[] { TimeSpan.FromMinutes(30) }));
            Assert.That(typeof(RfmRefreshJob).IsDefined(typeof(DisallowConcurrentExecutionAttribute), false), Is.True);
            Assert.That(services.GetService<RfmRefresher>(), Is.Not.Null);
            Assert.That(services.GetService<RfmQueries>(), Is.Not.Null);
        });
    }

    [Test]
    public async Task AddConnector_RfmDisabled_NoRefreshJob()
    {
        await using var services = ServeComposition.Compose(new Dictionary<string, string?> { ["Rfm:Enabled"] = "false" });
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        Assert.That(await scheduler.GetJobDetail(RfmRefreshJob.Key), Is.Null);
    }

    [TestCase(0)]
    [TestCase(10_081)]
    public void Validate_IntervalOutOfRange_NamesTheKey(int minutes) =>
        Assert.That(new RfmOptionsValidator().Validate(null, new RfmOptions { IntervalMinutes = minutes }).FailureMessage, Does.StartWith("Rfm:IntervalMinutes"));
}
