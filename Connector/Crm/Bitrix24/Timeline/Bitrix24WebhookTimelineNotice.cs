using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Connector.Crm.Bitrix24.Timeline;

/// <summary>
/// Webhook mode (Bitrix24:WebhookUrl, no app) says once at start what the write-back does there: log messages and app
/// triggers need an application context (a webhook gets ACCESS_DENIED "Application context required",
/// api-reference/crm/automation/triggers/crm-automation-trigger-add.md), so entries become timeline comments and no
/// trigger fires.
/// </summary>
public sealed class Bitrix24WebhookTimelineNotice(ILogger<Bitrix24WebhookTimelineNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning("Timeline: webhook mode — results are written as timeline comments (crm.timeline.comment.add); automation triggers are left out (they need the app)");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
