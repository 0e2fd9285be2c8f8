using Microsoft.Extensions.Logging;
using Quartz;

namespace Connector.Webhooks;

/// <summary>Every <c>Webhooks:IntervalSeconds</c>: new results → deliveries, then due deliveries POSTed; failures are logged, state stays in the store.</summary>
[DisallowConcurrentExecution]
public sealed class WebhookDeliveryJob(WebhookProducer producer, WebhookDispatcher dispatcher, ILogger<WebhookDeliveryJob> logger) : IJob
{
    public static readonly JobKey Key = new("webhook-delivery", "webhooks");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await producer.RunAsync(cancellationToken);
            await dispatcher.RunAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Webhook delivery pass failed; deliveries stay pending");
        }
    }
}
