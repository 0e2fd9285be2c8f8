using Connector.Host;
using Connector.Scenarios;
using Connector.Store;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Connector.Tests.Host;

/// <summary>
/// serve's scheduler on Quartz's own tables in the store file (0026): the recurring jobs are there after a restart, a
/// changed interval replaces the stored one, a job switched off is removed, and a [DisallowConcurrentExecution] job
/// never runs twice at once. Real Quartz on real time (intervals of a second), bounded by polling with a deadline.
/// </summary>
[CancelAfter(120_000)]
public sealed class SchedulerJobStoreTests
{
    private string _folder = "";

    private string StorePath => Path.Combine(_folder, "m.db");

    [SetUp]
    public void SetUp() => _folder = Path.Combine(Path.GetTempPath(), "crm-esp-tests", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Test]
    public async Task Serve_SqliteStore_TriggersSurviveRestartIntervalChangeTakesEffectDisabledJobRemoved(CancellationToken cancellationToken)
    {
        using (var first = await StartAsync(new() { ["Scenarios:IntervalSeconds"] = "1" }, cancellationToken))
        {
            await UntilAsync(async () => await DispatchFiredAtAsync(cancellationToken) is not null, cancellationToken);
            await first.StopAsync(cancellationToken);
        }

        var kept = await TriggersAsync(cancellationToken);
        var firedBefore = await DispatchFiredAtAsync(cancellationToken);
        using (var second = await StartAsync(new() { ["Scenarios:IntervalSeconds"] = "2", ["Webhooks:Enabled"] = "false" }, cancellationToken))
        {
            await UntilAsync(async () => await DispatchFiredAtAsync(cancellationToken) > firedBefore, cancellationToken);
            var scheduler = await second.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);
            var dispatch = (await scheduler.GetTriggersOfJob(ScenarioDispatchJob.Key, cancellationToken)).OfType<ISimpleTrigger>().Single();
            var keepAlive = (await scheduler.GetTriggersOfJob(Connector.Crm.Bitrix24.OAuth.TokenKeepAliveJob.Key, cancellationToken)).OfType<ICronTrigger>().Single();
            var after = await TriggersAsync(cancellationToken);
            await second.StopAsync(cancellationToken);

            Assert.Multiple(() =>
            {
                Assert.That(kept, Does.Contain("scenarios.scenario-dispatch-trigger=1000"));
                Assert.That(kept.Any(t => t.StartsWith("bitrix24.token-keep-alive-trigger", StringComparison.Ordinal)), Is.True, string.Join(", ", kept));
                Assert.That(kept.Any(t => t.StartsWith("webhooks.", StringComparison.Ordinal)), Is.True, string.Join(", ", kept));
                Assert.That(dispatch.RepeatInterval, Is.EqualTo(TimeSpan.FromSeconds(2)));
                // After downtime: the next interval or the next cron time, never a burst of the missed firings.
                Assert.That(dispatch.MisfireInstruction, Is.EqualTo(SimpleTriggerMisfireInstruction.NextWithRemainingCount));
                Assert.That(keepAlive.MisfireInstruction, Is.EqualTo(CronTriggerMisfireInstruction.DoNothing));
                Assert.That(after, Does.Contain("scenarios.scenario-dispatch-trigger=2000"));
                Assert.That(after.Any(t => t.StartsWith("webhooks.", StringComparison.Ordinal)), Is.False, string.Join(", ", after));
                Assert.That(after.Count(t => t.StartsWith("scenarios.", StringComparison.Ordinal)), Is.EqualTo(1), "never a second trigger for the same job");
            });
        }
    }

    [Test]
    public async Task Serve_SqliteStore_DisallowConcurrentExecutionHonoured(CancellationToken cancellationToken)
    {
        using var host = await StartAsync(new() { ["Scenarios:IntervalSeconds"] = "3600" }, cancellationToken);
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);
        var listener = new OverlapListener();
        scheduler.ListenerManager.AddJobListener(listener, [Matchers.Key(ScenarioDispatchJob.Key)]);
        var before = listener.Finished;
        for (var i = 0; i < 4; i++)
        {
            await scheduler.TriggerJob(ScenarioDispatchJob.Key, new JobDataMap(), cancellationToken);
        }

        await UntilAsync(() => Task.FromResult(listener.Finished >= before + 4), cancellationToken);
        var flags = await QueryAsync<long>("SELECT IS_NONCONCURRENT FROM QRTZ_JOB_DETAILS", cancellationToken);
        await host.StopAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(listener.MaxRunning, Is.EqualTo(1), "two runs of the dispatcher overlapped");
            Assert.That(flags, Is.Not.Empty.And.All.EqualTo(1L), "every stored job is non-concurrent");
        });
    }

    [Test]
    public async Task CliVerb_OnAServeStore_ComposesNoSchedulerAndLeavesQuartzRowsAlone(CancellationToken cancellationToken)
    {
        using (var serve = await StartAsync(new() { ["Scenarios:IntervalSeconds"] = "3600" }, cancellationToken))
        {
            await serve.StopAsync(cancellationToken);
        }

        var before = await QueryAsync<string>("SELECT TRIGGER_NAME || ':' || COALESCE(NEXT_FIRE_TIME, '') || ':' || TRIGGER_STATE FROM QRTZ_TRIGGERS ORDER BY 1", cancellationToken);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Store:Path"] = StorePath }).Build();
        await using (var cli = await Connector.Cli.CliHost.StartAsync(configuration, new PortalChoice(null, SandboxForced: false, AppConfigured: true), TimeProvider.System, cancellationToken))
        {
            Assert.That(cli.Services.GetService<ISchedulerFactory>(), Is.Null, "a CLI verb has no scheduler to fire serve's jobs or take Quartz's locks");
            await cli.Services.GetRequiredService<ScenarioStore>().ListAsync(cancellationToken);
        }

        var after = await QueryAsync<string>("SELECT TRIGGER_NAME || ':' || COALESCE(NEXT_FIRE_TIME, '') || ':' || TRIGGER_STATE FROM QRTZ_TRIGGERS ORDER BY 1", cancellationToken);
        Assert.That(after, Is.EqualTo(before).And.Not.Empty);
    }

    private async Task<IHost> StartAsync(Dictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        settings["Store:Path"] = StorePath;
        settings["Timeline:IntervalSeconds"] = "3600";
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddConnector(builder.Configuration, PortalChoice.From(builder.Configuration, false), TimeProvider.System, ConnectorHostKind.Serve);
        var host = builder.Build();
        await host.Services.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
        await host.StartAsync(cancellationToken);
        return host;
    }

    private async Task<List<string>> TriggersAsync(CancellationToken cancellationToken) => (await QueryAsync<string>("""
        SELECT t.TRIGGER_GROUP || '.' || t.TRIGGER_NAME || COALESCE('=' || s.REPEAT_INTERVAL, '')
        FROM QRTZ_TRIGGERS t LEFT JOIN QRTZ_SIMPLE_TRIGGERS s USING (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
        WHERE t.SCHED_NAME = 'crm-esp' ORDER BY 1
        """, cancellationToken)).ToList();

    private async Task<long?> DispatchFiredAtAsync(CancellationToken cancellationToken) => (await QueryAsync<long?>(
        "SELECT PREV_FIRE_TIME FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = 'scenario-dispatch-trigger' AND PREV_FIRE_TIME > 0", cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        await connection.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, cancellationToken: cancellationToken))).ToList();
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        while (!await condition())
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    // Holds each run open a little, so runs that were allowed to overlap would.
    private sealed class OverlapListener : IJobListener
    {
        private int _running;
        private int _max;
        private int _finished;

        public string Name => "overlap";

        public int MaxRunning => Volatile.Read(ref _max);

        public int Finished => Volatile.Read(ref _finished);

        // A run that began before the listener was added (the trigger's first firing at start) is not counted when it ends.
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _seen = new(StringComparer.Ordinal);

        public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            _seen[context.FireInstanceId] = true;
            var now = Interlocked.Increment(ref _running);
            int seen;
            while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
            {
            }

            await Task.Delay(300, cancellationToken);
        }

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            if (!_seen.TryRemove(context.FireInstanceId, out _))
            {
                return ValueTask.CompletedTask;
            }

            Interlocked.Decrement(ref _running);
            Interlocked.Increment(ref _finished);
            return ValueTask.CompletedTask;
        }
    }
}
