using Quartz;

namespace Connector.Bounces;

/// <summary>Reads the bounce mailboxes every <c>Bounces:FetchInterval</c>; a thin shell over <see cref="BounceFetcher"/>.</summary>
[DisallowConcurrentExecution]
public sealed class BounceFetchJob(BounceFetcher fetcher, ILogger<BounceFetchJob> logger) : IJob
{
    public static readonly JobKey Key = new("bounce-fetch", "bounces");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var summary = await fetcher.FetchAsync(cancellationToken);
            logger.LogInformation("Bounces: {Messages} messages, {Hard} hard, {Soft} soft, {Policy} policy, {Complaints} complaints, {Suppressed} suppressed, {AutoReplies} auto-replies, {Malformed} malformed",
                summary.Messages, summary.Hard, summary.Soft, summary.Policy, summary.Complaints, summary.Suppressed, summary.AutoReplies, summary.Malformed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Bounce fetch failed");
        }
    }
}
