using Quartz;

namespace Connector.Operations.Health;

/// <summary><c>scheduler</c>: this host's Quartz scheduler is started (not in standby, not shut down). Registered only where the host runs one.</summary>
public sealed class SchedulerReadinessCheck(ISchedulerFactory schedulers) : IReadinessCheck
{
    public const string CheckName = "scheduler";

    public string Name => CheckName;

    public async Task<IReadOnlyList<ReadinessResult>> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            var status = await scheduler.GetStatus(cancellationToken);
            var started = status == SchedulerStatus.Running;
            return [new ReadinessResult(CheckName, started, started ? "started" : status.ToString().ToLowerInvariant())];
        }
        catch (SchedulerException)
        {
            return [new ReadinessResult(CheckName, false, "unavailable")];
        }
    }
}
