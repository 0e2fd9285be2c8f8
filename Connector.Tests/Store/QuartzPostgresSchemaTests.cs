using Connector.Store;
using Connector.Tests.TestSupport;
using Npgsql;
using Quartz;

namespace Connector.Tests.Store;

/// <summary>
/// 0026's PostgreSQL twin is the schema Quartz's own AdoJobStore accepts: a scheduler on the migrated database (the
/// PostgreSQL delegate, schema validated at start, as serve configures SQLite's) stores a job and runs it.
/// </summary>
[Category("Peers")]
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class QuartzPostgresSchemaTests
{
    [Test]
    public async Task Scheduler_OnTheMigratedDatabase_ValidatesTheSchemaStoresAndFiresAJob()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var database = await PostgresPeer.CreateDatabaseAsync(ct);
        await using (var connections = new PostgresConnectionFactory(database))
        {
            await new MigrationRunner(connections, TimeProvider.System).ApplyAsync(ct);
        }

        ProbeJob.Fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scheduler = await QuartzSchedulerBuilder.Create(q =>
            {
                q.ConfigureScheduler(o => o.InstanceName = "crm-esp-pg-probe");
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(database);
                    store.UseSystemTextJsonSerializer();
                });
            })
            .BuildScheduler(ct);
        try
        {
            await scheduler.Start(ct);
            var job = JobBuilder.Create<ProbeJob>().WithIdentity("probe").StoreDurably().Build();
            await scheduler.ScheduleJob(job, TriggerBuilder.Create().WithIdentity("probe").StartNow().Build(), cancellationToken: ct);
            await ProbeJob.Fired.Task.WaitAsync(ct);

            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync(ct);
            await using var stored = new NpgsqlCommand("SELECT count(*) FROM qrtz_job_details WHERE sched_name = 'crm-esp-pg-probe' AND job_name = 'probe'", connection);
            Assert.That(await stored.ExecuteScalarAsync(ct), Is.EqualTo(1L), "the durable job lives in Quartz's PostgreSQL table");
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: false, CancellationToken.None);
        }
    }

    public sealed class ProbeJob : IJob
    {
        public static TaskCompletionSource Fired { get; set; } = new();

        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            Fired.TrySetResult();
            return ValueTask.CompletedTask;
        }
    }
}
