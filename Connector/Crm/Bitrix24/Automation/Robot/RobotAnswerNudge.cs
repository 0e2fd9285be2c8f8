using Quartz;

namespace Connector.Crm.Bitrix24.Automation.Robot;

/// <summary>Runs the answer job now (in a host with a scheduler), so a refusal is answered at once, not at the next interval.</summary>
public sealed class RobotAnswerNudge(IServiceProvider services)
{
    public async Task NudgeAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<ISchedulerFactory>() is not { } factory)
        {
            return;
        }

        var scheduler = await factory.GetScheduler(cancellationToken);
        if (await scheduler.Exists(RobotAnswerJob.Key, cancellationToken))
        {
            await scheduler.TriggerJob(RobotAnswerJob.Key, cancellationToken);
        }
    }
}
