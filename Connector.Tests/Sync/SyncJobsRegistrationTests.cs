using Connector.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;

namespace Connector.Tests.Sync;

public sealed class SyncJobsRegistrationTests
{
    [Test]
    public async Task AddSyncJobs_Defaults_IncrementalEveryMinuteFullNightlyNoConcurrency()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        await using var services = new ServiceCollection().AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>)).AddSyncJobs(configuration).BuildServiceProvider();
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var incremental = (ISimpleTrigger)(await scheduler.GetTriggersOfJob(IncrementalSyncJob.Key)).Single();
        var full = (ICronTrigger)(await scheduler.GetTriggersOfJob(FullSyncJob.Key)).Single();
        var bothExist = await scheduler.GetJobDetail(IncrementalSyncJob.Key) is not null && await scheduler.GetJobDetail(FullSyncJob.Key) is not null;

        Assert.Multiple(() =>
        {
            Assert.That(incremental.RepeatInterval, Is.EqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(full.CronExpressionString, Is.EqualTo("0 0 3 * * ?"));
            Assert.That(bothExist, Is.True);
            Assert.That(typeof(IncrementalSyncJob).IsDefined(typeof(DisallowConcurrentExecutionAttribute), false), Is.True);
            Assert.That(typeof(FullSyncJob).IsDefined(typeof(DisallowConcurrentExecutionAttribute), false), Is.True);
        });
    }
}
