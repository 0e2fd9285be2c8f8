using Connector.Bounces;
using Connector.Crm.Bitrix24.OAuth;
using Connector.Scenarios;
using Connector.Store;
using Connector.Sync;
using Connector.Timeline;
using Connector.Webhooks;
using Microsoft.Data.Sqlite;
using Quartz;

namespace Connector.Host;

/// <summary>
/// Where serve's one scheduler keeps its jobs and triggers (<see cref="SchedulerOptions"/>): Quartz's AdoJobStore on the
/// store file (tables from migration 0026) or memory. The recurring jobs are declared at every start under stable keys
/// and replace what the store holds (Quartz's OverwriteExistingData), so a changed interval takes effect at restart; a
/// recurring job the configuration no longer declares is deleted before the scheduler starts
/// (<see cref="SchedulerJobPruner"/>). Missed firings are skipped, never fired in a burst after downtime.
/// On a PostgreSQL store (<c>Store:Provider=Postgres</c>) the AdoJobStore is Quartz's clustered one on that database:
/// every serve instance is the same scheduler (<see cref="SchedulerName"/>) with its own instance id (Quartz's
/// generated one (<c>AUTO</c>): host name and a timestamp), a firing is taken by exactly one instance under Quartz's row locks, and an
/// instance that misses its check-in (<see cref="SchedulerOptions.ClusterCheckinInterval"/>) by as long again is taken
/// for dead: the others fire its triggers and re-run its running jobs that request recovery.
/// </summary>
public static class SchedulerJobStore
{
    /// <summary>The scheduler's name: SCHED_NAME of every Quartz row, stable across restarts.</summary>
    public const string SchedulerName = "crm-esp";

    /// <summary>Every recurring job serve may declare; the ones a start does not declare are removed from the store.</summary>
    public static IReadOnlyList<JobKey> RecurringJobs { get; } =
        [TokenKeepAliveJob.Key, Crm.Bitrix24.Automation.Robot.RobotAnswerJob.Key, Campaigns.Broadcasts.CampaignJob.Key, BounceFetchJob.Key, TimelineDispatchJob.Key, WebhookDeliveryJob.Key, ScenarioDispatchJob.Key, IncrementalSyncJob.Key, FullSyncJob.Key];

    /// <summary>serve's scheduler on the SQLite store file (or memory).</summary>
    public static IQuartzBuilder UseConnectorJobStore(this IQuartzBuilder quartz, SchedulerOptions options, string storePath) =>
        quartz.UseConnectorJobStore(options, new StoreOptions { Path = storePath });

    /// <summary>serve's scheduler on the store's database (SQLite file, or clustered on PostgreSQL) or in memory.</summary>
    public static IQuartzBuilder UseConnectorJobStore(this IQuartzBuilder quartz, SchedulerOptions options, StoreOptions store)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        quartz.ConfigureScheduler(o =>
        {
            o.InstanceName = SchedulerName;
            // Simple triggers: wait for the next interval; cron: the next time. A host down for a day fires each job once.
            o.DefaultMisfireHandling = DefaultMisfireHandling.DoNothing;
        });
        if (!options.Persistent)
        {
            return quartz;
        }

        if (store.ProviderKind == StoreProvider.Postgres)
        {
            return quartz.UseClusteredPostgres(options, store.ConnectionString ?? "");
        }

        var storePath = store.Path;
        quartz.UsePersistentStore(ado =>
        {
            ado.UseSqlite(ConnectionString(storePath));
            ado.UseSystemTextJsonSerializer();
            // The schema is ours to version (0026, applied before the host starts); Quartz only checks it is there.
            // No row locks: one scheduler per store file, serialised in-process (a CLI verb composes no scheduler).
            ado.ConfigureStore(o => o.SchemaProvisioning = SchemaProvisioning.Validate);
        });
        return quartz;
    }

    private static IQuartzBuilder UseClusteredPostgres(this IQuartzBuilder quartz, SchedulerOptions options, string connectionString)
    {
        quartz.ConfigureScheduler(o => o.GenerateInstanceId = true);
        quartz.UsePersistentStore(store =>
        {
            // Quartz's PostgreSQL delegate on its own Npgsql connections to the store's database (0026's twin: the qrtz_ tables).
            store.UsePostgres(connectionString);
            store.UseSystemTextJsonSerializer();
            store.UseClustering(c =>
            {
                c.CheckinInterval = options.ClusterCheckinInterval;
                // Dead after missing a check-in by one more interval: 2 × 7.5 s by default, Quartz's own figures.
                c.CheckinMisfireThreshold = options.ClusterCheckinInterval;
            });
            store.ConfigureStore(o => o.SchemaProvisioning = SchemaProvisioning.Validate);
        });
        return quartz;
    }

    /// <summary>
    /// Quartz opens its own connections: pooled, and a busy file is waited on (Microsoft.Data.Sqlite retries SQLITE_BUSY
    /// up to the command timeout) the way our connections' busy_timeout does; WAL is the file's, set by the migration runner.
    /// </summary>
    public static string ConnectionString(string storePath) => new SqliteConnectionStringBuilder
    {
        DataSource = storePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();
}
