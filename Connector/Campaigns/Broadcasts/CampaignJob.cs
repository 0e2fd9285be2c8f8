using Microsoft.Extensions.Logging;
using Quartz;

namespace Connector.Campaigns.Broadcasts;

/// <summary>
/// Every <c>Campaigns:IntervalSeconds</c> in serve: the due campaigns one step further (<see cref="CampaignRunner"/>).
/// Its state is the campaign tables, so a restart (or a persistent job store's misfire) just runs the next step.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class CampaignJob(CampaignRunner runner, ILogger<CampaignJob> logger) : IJob
{
    public static readonly JobKey Key = new("campaign-step", "campaigns");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await runner.RunDueAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Campaign pass failed; due steps run at the next pass")]
    private partial void LogFailed(Exception ex);
}
