using Microsoft.Extensions.Logging;
using Quartz;

namespace Connector.Rfm;

/// <summary>Every <c>Rfm:IntervalMinutes</c>: each portal's scores recomputed from the mirror (one line per portal).</summary>
[DisallowConcurrentExecution]
public sealed class RfmRefreshJob(RfmRefresher refresher, ILogger<RfmRefreshJob> logger) : IJob
{
    public static readonly JobKey Key = new("rfm-refresh", "rfm");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        foreach (var (portal, result, error) in await refresher.RefreshAllAsync(cancellationToken))
        {
            if (result is null)
            {
                logger.LogWarning("RFM refresh of portal {Portal} failed; its scores stay as they were: {Error}", portal, Web.LogText.Safe(error ?? ""));
            }
            else
            {
                logger.LogInformation("RFM refresh of portal {Portal}: {Contacts} contacts scored, {Moves} moved between segments", portal, result.Contacts, result.Moves);
            }
        }
    }
}
