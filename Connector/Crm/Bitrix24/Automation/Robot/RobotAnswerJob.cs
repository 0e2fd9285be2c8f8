using Microsoft.Extensions.Logging;
using Quartz;

namespace Connector.Crm.Bitrix24.Automation.Robot;

/// <summary>Every <c>App:RobotAnswerIntervalSeconds</c> (and at once after a robot call): one <see cref="Bitrix24RobotAnswers"/> pass.</summary>
[DisallowConcurrentExecution]
public sealed class RobotAnswerJob(Bitrix24RobotAnswers answers, ILogger<RobotAnswerJob> logger) : IJob
{
    public static readonly JobKey Key = new("robot-answers", "bitrix24");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await answers.RunAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Robot answer pass failed; answers stay due");
        }
    }
}
