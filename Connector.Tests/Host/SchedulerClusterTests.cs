using Connector.Host;
using Connector.Store;
using Connector.Tests.TestSupport;
using Npgsql;
using Quartz;

namespace Connector.Tests.Host;

/// <summary>
/// serve's scheduler on a PostgreSQL store is one Quartz cluster: several schedulers built by the composition's own
/// <see cref="SchedulerJobStore.UseConnectorJobStore(IQuartzBuilder, SchedulerOptions, StoreOptions)"/> on one migrated
/// database (real PostgreSQL, check-in every second) share one recurring job, each firing runs on exactly one instance,
/// a scheduler stopped hard (no graceful wait, no more check-ins) leaves the job to the others, and a recoverable job
/// that was running on it is re-run by a survivor. Jobs record every execution in a table; waits poll with deadlines.
/// </summary>
[Category("Peers")]
[NonParallelizable]
[CancelAfter(240_000)]
public sealed class SchedulerClusterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private readonly List<IScheduler> _schedulers = [];
    private string _database = "";

    [SetUp]
    public async Task SetUp()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        _database = await PostgresPeer.CreateDatabaseAsync(ct);
        await using (var connections = new PostgresConnectionFactory(_database))
        {
            await new MigrationRunner(connections, TimeProvider.System).ApplyAsync(ct);
        }

        await ExecuteAsync("CREATE TABLE probe_runs (job text NOT NULL, instance_id text NOT NULL, fire_time timestamptz NOT NULL, recovering boolean NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())", ct);
        HangingJob.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var scheduler in _schedulers)
        {
            await scheduler.Shutdown(waitForJobsToComplete: false, CancellationToken.None);
        }

        HangingJob.Gate.TrySetResult();
        _schedulers.Clear();
    }

    [Test]
    public async Task ThreeInstances_EachFiringRunsOnExactlyOneInstance_AndTheJobKeepsFiringWhenOneDies(CancellationToken cancellationToken)
    {
        var instances = new[] { await StartedAsync(cancellationToken), await StartedAsync(cancellationToken), await StartedAsync(cancellationToken) };
        Assert.That(instances.Select(s => s.SchedulerInstanceId).Distinct().Count(), Is.EqualTo(3), "every process has its own instance id");
        Assert.That(instances.Select(s => s.SchedulerName).Distinct().Single(), Is.EqualTo(SchedulerJobStore.SchedulerName));

        var job = JobBuilder.Create<RecordingJob>().WithIdentity("tick").UsingJobData(RecordingJob.DatabaseKey, _database).Build();
        var trigger = TriggerBuilder.Create().WithIdentity("tick").StartNow()
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(1)).RepeatForever()).Build();
        await instances[0].ScheduleJob(job, trigger, cancellationToken: cancellationToken);
        await UntilAsync(async () => (await RunsAsync("tick", cancellationToken)).Count >= 6, cancellationToken);

        // The instance that ran the latest firing (and likely holds the next one) stops without waiting or checking in again.
        var latest = (await RunsAsync("tick", cancellationToken))[^1].InstanceId;
        var dead = instances.Single(s => s.SchedulerInstanceId == latest);
        await StopHardAsync(dead, cancellationToken);
        var killedAt = await NowAsync(cancellationToken);
        await UntilAsync(async () => (await RunsAsync("tick", cancellationToken)).Count(r => r.At > killedAt && r.InstanceId != latest) >= 4, cancellationToken);

        var runs = await RunsAsync("tick", cancellationToken);
        var after = runs.Where(r => r.At > killedAt).ToList();
        TestContext.Out.WriteLine($"{runs.Count} firings: " + string.Join(", ", runs.GroupBy(r => r.InstanceId).Select(g => $"{g.Key}={g.Count()}")));
        Assert.Multiple(() =>
        {
            Assert.That(runs.GroupBy(r => r.FireTime).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty, "a firing ran on two instances");
            // At most the firing it had in hand when stopped (a shutdown that does not wait lets a started job finish).
            Assert.That(after.Count(r => r.InstanceId == latest), Is.LessThanOrEqualTo(1), "the stopped instance kept firing");
            Assert.That(after.Count(r => r.InstanceId != latest), Is.GreaterThanOrEqualTo(4), "the others took the job over");
        });
    }

    [Test]
    public async Task InstanceDiesMidJob_TheSurvivorReRunsTheJobThatRequestsRecovery(CancellationToken cancellationToken)
    {
        var doomed = await StartedAsync(cancellationToken);
        var job = JobBuilder.Create<HangingJob>().WithIdentity("long").UsingJobData(RecordingJob.DatabaseKey, _database).RequestRecovery().StoreDurably().Build();
        await doomed.ScheduleJob(job, TriggerBuilder.Create().WithIdentity("long").StartNow().Build(), cancellationToken: cancellationToken);
        await UntilAsync(async () => (await RunsAsync("long", cancellationToken)).Count >= 1, cancellationToken);

        var survivor = await StartedAsync(cancellationToken);
        // Hard stop: no wait for the running job (it never ends on its own), no more check-ins; its fired trigger stays.
        await StopHardAsync(doomed, cancellationToken);
        await UntilAsync(async () => (await RunsAsync("long", cancellationToken)).Any(r => r.Recovering), cancellationToken);

        var runs = await RunsAsync("long", cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(runs[0], Has.Property(nameof(Run.InstanceId)).EqualTo(doomed.SchedulerInstanceId).And.Property(nameof(Run.Recovering)).False);
            Assert.That(runs.Where(r => r.Recovering).Select(r => r.InstanceId), Is.EqualTo(new[] { survivor.SchedulerInstanceId }), "re-run once, by the survivor");
        });
    }

    [Test]
    public async Task RecoverableJob_WithoutAFailure_RunsOnceAndIsNotReRun(CancellationToken cancellationToken)
    {
        // The control for the recovery test: two healthy instances, a recoverable job that finishes — one run, no recovery.
        var first = await StartedAsync(cancellationToken);
        await StartedAsync(cancellationToken);
        HangingJob.Gate.TrySetResult();
        var job = JobBuilder.Create<HangingJob>().WithIdentity("long").UsingJobData(RecordingJob.DatabaseKey, _database).RequestRecovery().StoreDurably().Build();
        await first.ScheduleJob(job, TriggerBuilder.Create().WithIdentity("long").StartNow().Build(), cancellationToken: cancellationToken);
        await UntilAsync(async () => (await RunsAsync("long", cancellationToken)).Count >= 1, cancellationToken);
        await UntilAsync(async () => await ScalarAsync("SELECT count(*) FROM qrtz_fired_triggers", cancellationToken) == 0, cancellationToken);

        Assert.That(await RunsAsync("long", cancellationToken), Has.Count.EqualTo(1).And.None.Property(nameof(Run.Recovering)).True);
    }

    private async Task<IScheduler> StartedAsync(CancellationToken cancellationToken)
    {
        var options = new SchedulerOptions { ClusterCheckinIntervalSeconds = 1 };
        var store = new StoreOptions { Provider = nameof(StoreProvider.Postgres), ConnectionString = _database };
        var scheduler = await QuartzSchedulerBuilder.Create(q => q.UseConnectorJobStore(options, store)).BuildScheduler(cancellationToken);
        _schedulers.Add(scheduler);
        await scheduler.Start(cancellationToken);
        return scheduler;
    }

    /// <summary>No wait for running jobs; the job store stops checking in, leaving its state and fired triggers behind.</summary>
    private async Task StopHardAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        _schedulers.Remove(scheduler);
        await scheduler.Shutdown(waitForJobsToComplete: false, cancellationToken);
    }

    private async Task<List<Run>> RunsAsync(string jobName, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT instance_id, fire_time, recovering, at FROM probe_runs WHERE job = @job ORDER BY at", connection);
        command.Parameters.AddWithValue("job", jobName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<Run>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new Run(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetBoolean(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return runs;
    }

    private async Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT clock_timestamp()", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetFieldValue<DateTimeOffset>(0);
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        while (!await condition())
        {
            await Task.Delay(200, deadline.Token);
        }
    }

    public sealed record Run(string InstanceId, DateTimeOffset FireTime, bool Recovering, DateTimeOffset At);

    /// <summary>Records who ran which firing: instance id, scheduled fire time, whether it is a recovery.</summary>
    public sealed class RecordingJob : IJob
    {
        public const string DatabaseKey = "database";

        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => RecordAsync(context, cancellationToken);

        internal static async ValueTask RecordAsync(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(context.MergedJobDataMap.GetString(DatabaseKey));
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("INSERT INTO probe_runs (job, instance_id, fire_time, recovering) VALUES (@job, @instance, @fire, @recovering)", connection);
            command.Parameters.AddWithValue("job", context.JobDetail.Key.Name);
            command.Parameters.AddWithValue("instance", context.Scheduler.SchedulerInstanceId);
            command.Parameters.AddWithValue("fire", context.ScheduledFireTimeUtc ?? context.FireTimeUtc);
            command.Parameters.AddWithValue("recovering", context.Recovering);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Records its start, then (unless it is the recovery run) holds until the test opens the gate — past any shutdown.</summary>
    public sealed class HangingJob : IJob
    {
        public static TaskCompletionSource Gate { get; set; } = new();

        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            await RecordingJob.RecordAsync(context, cancellationToken);
            if (!context.Recovering)
            {
                await Gate.Task.ConfigureAwait(false);
            }
        }
    }
}
