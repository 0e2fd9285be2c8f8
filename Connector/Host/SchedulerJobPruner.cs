using Quartz;

namespace Connector.Host;

/// <summary>
/// Runs before the Quartz hosted service starts the scheduler: deletes the recurring jobs (and their triggers) that a
/// persistent store kept from an earlier start but this configuration no longer declares (a slice switched off), so
/// they cannot fire. Jobs outside <see cref="SchedulerJobStore.RecurringJobs"/> (one-off schedules) are left alone.
/// </summary>
public sealed class SchedulerJobPruner(ISchedulerFactory schedulers, IReadOnlyCollection<JobKey> declared, ILogger<SchedulerJobPruner> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var key in SchedulerJobStore.RecurringJobs.Where(k => !declared.Contains(k)))
        {
            if (await scheduler.DeleteJob(key, cancellationToken))
            {
                logger.LogInformation("Removed the stored job {Job}: this configuration does not schedule it", key);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
