using Connector.Feed;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace Connector.Webhooks;

/// <summary>
/// The Webhooks slice: results (ledger, engagement_hits, bounce_events) → signed JSON POSTs to each portal's
/// subscribers, retried and logged. It owns the webhook tables (0015), follows the results feed (Feed/), and writes nothing else.
/// </summary>
public static class WebhooksServiceCollectionExtensions
{
    public static IServiceCollection AddWebhooksOptions(this IServiceCollection services)
    {
        services.AddOptions<WebhooksOptions>().BindConfiguration(WebhooksOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhooksOptions>, WebhooksOptionsValidator>());
        return services;
    }

    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddWebhooksOptions();
        services.AddWebhookHttp();
        services.TryAddSingleton<WebhookStore>();
        services.TryAddSingleton<WebhookProducer>();
        services.TryAddSingleton<WebhookDispatcher>();
        services.TryAddSingleton<Connector.Scenarios.IScenarioWebhook, ScenarioWebhookSender>();
        return services;
    }

    public static IQuartzBuilder AddWebhookJobs(this IQuartzBuilder quartz, WebhooksOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return quartz.AddFollowerJob<WebhookDeliveryJob>(WebhookDeliveryJob.Key, options.IntervalSeconds);
    }
}
