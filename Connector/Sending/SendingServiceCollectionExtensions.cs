using Connector.Sending.Ledger;
using Connector.Sending.Queue;
using Connector.Sending.Settings;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Sending;

/// <summary>The delivery pipeline: options (validated at start), the send ledger, the lazily built setup and transports, MX lookups.</summary>
public static class SendingServiceCollectionExtensions
{
    /// <summary><c>Sender:*</c>, <c>Dkim:*</c>, <c>Tracking:*</c>, <c>Bounces:*</c>, <c>Smtp:*</c> and <c>Sending:*</c> bound and validated at start.</summary>
    public static IServiceCollection AddSendingOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SenderOptions>().Bind(configuration.GetSection(SenderOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SenderOptions>, SenderOptionsValidator>());
        services.AddOptions<DkimOptions>().Bind(configuration.GetSection(DkimOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DkimOptions>, DkimOptionsValidator>());
        services.AddOptions<TrackingOptions>().Bind(configuration.GetSection(TrackingOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TrackingOptions>, TrackingOptionsValidator>());
        services.AddOptions<BouncesOptions>().Bind(configuration.GetSection(BouncesOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BouncesOptions>, BouncesOptionsValidator>());
        services.AddOptions<DeliveryOptions>().Configure(o => o.Configuration = configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>());
        services.AddOptions<QueuedLetterRunnerOptions>().Bind(configuration.GetSection(QueuedLetterRunnerOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueuedLetterRunnerOptions>, QueuedLetterRunnerOptionsValidator>());
        return services;
    }

    /// <summary>
    /// The pipeline and the send queue (<see cref="ISendQueue"/>, needs the Templates, Store and Campaigns slices) with
    /// serve's runner of queued letters, a hosted service unless <c>Sending:Runner:Enabled=false</c> (hosted services
    /// run only in serve; the CLI's provider never starts them).
    /// </summary>
    public static IServiceCollection AddSending(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSendingOptions(configuration);
        services.TryAddSingleton(sp => new SendingSetupSource(
            configuration, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<SenderOptions>>(), sp.GetRequiredService<IOptions<DkimOptions>>(),
            sp.GetRequiredService<IOptions<TrackingOptions>>(), sp.GetRequiredService<IOptions<BouncesOptions>>(), sp.GetService<SandboxPickup>()));
        services.TryAddSingleton<SendLedgerStore>();
        // IMxResolver is registered by the composition root: it follows Dns:Servers (the Domains slice's options).
        services.TryAddSingleton<QueuedLetterStore>();
        services.TryAddSingleton<QueuedLetterSignal>();
        services.TryAddSingleton<ISendQueue, SendQueue>();
        services.TryAddSingleton<PortalSettings.PortalSettingsStore>();
        services.TryAddSingleton<PortalSettings.PortalSettingsReader>();
        services.TryAddSingleton<StoredLetterSource>();
        services.TryAddSingleton<QueuedLetterRunner>();
        if (!bool.TryParse(configuration[$"{QueuedLetterRunnerOptions.Section}:Enabled"], out var enabled) || enabled)
        {
            services.AddHostedService(sp => sp.GetRequiredService<QueuedLetterRunner>());
        }

        return services;
    }
}
