using Connector.Sending.Queue;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Connector.Scenarios;

/// <summary>
/// Every <c>Scenarios:IntervalSeconds</c>: the trigger pass, then the due steps. The steps run only in a host that has
/// a send queue (serve); without one the enrollments wait, due, until one runs.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ScenarioDispatchJob(ScenarioTriggers triggers, IServiceProvider services, ILogger<ScenarioDispatchJob> logger) : IJob
{
    public static readonly JobKey Key = new("scenario-dispatch", "scenarios");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await triggers.RunAsync(cancellationToken);
            if (services.GetService<ISendQueue>() is null)
            {
                logger.LogWarning("No send queue in this host: scenario steps stay due");
                return;
            }

            await services.GetRequiredService<ScenarioDispatcher>().RunAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Scenario pass failed; due steps stay due");
        }
    }
}
