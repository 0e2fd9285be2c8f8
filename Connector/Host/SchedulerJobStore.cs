using Connector.Bounces;
using Connector.Crm.Bitrix24.OAuth;
using Connector.Scenarios;
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
/// </summary>
public static class SchedulerJobStore
{
    /// <summary>The scheduler's name: SCHED_NAME of every Quartz row, stable across restarts.</summary>
    public const string SchedulerName = "crm-esp";

    /// <summary>Every recurring job serve may declare; the ones a start does not declare are removed from the store.</summary>
    public static IReadOnlyList<JobKey> RecurringJobs { get; } =
        [TokenKeepAliveJob.Key, Crm.Bitrix24.Automation.Robot.RobotAnswerJob.Key, Campaigns.Broadcasts.CampaignJob.Key, BounceFetchJob.Key, TimelineDispatchJob.Key, WebhookDeliveryJob.Key, ScenarioDispatchJob.Key, IncrementalSyncJob.Key, FullSyncJob.Key];

    public static IQuartzBuilder UseConnectorJobStore(this IQuartzBuilder quartz, SchedulerOptions options, string storePath)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(options);
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

        quartz.UsePersistentStore(store =>
        {
            store.UseSqlite(ConnectionString(storePath));
            store.UseSystemTextJsonSerializer();
            // The schema is ours to version (0026, applied before the host starts); Quartz only checks it is there.
            // No row locks: one scheduler per store file, serialised in-process (a CLI verb composes no scheduler).
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
