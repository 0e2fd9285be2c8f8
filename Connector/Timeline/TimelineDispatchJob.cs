using Microsoft.Extensions.Logging;
using Quartz;

namespace Connector.Timeline;

/// <summary>Every <c>Timeline:IntervalSeconds</c>: one <see cref="TimelineWriteBack"/> run; failures are logged, state stays in the outbox.</summary>
[DisallowConcurrentExecution]
public sealed class TimelineDispatchJob(TimelineWriteBack writeBack, ILogger<TimelineDispatchJob> logger) : IJob
{
    public static readonly JobKey Key = new("timeline-dispatch", "timeline");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await writeBack.RunAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Timeline write-back pass failed; entries stay pending");
        }
    }
}
