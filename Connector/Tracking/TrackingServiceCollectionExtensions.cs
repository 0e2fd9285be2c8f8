using Connector.Tracking.Hits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Tracking;

/// <summary>The tracking slice: its options (validated at start), the token verifier and the hit recorder (a hosted service).</summary>
public static class TrackingServiceCollectionExtensions
{
    /// <summary><c>Tracking:*</c> hit options bound and validated at start (BaseUrl and SigningKey are Sending's).</summary>
    public static IServiceCollection AddTrackingOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrackingHitOptions>().Bind(configuration.GetSection(TrackingHitOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TrackingHitOptions>, TrackingHitOptionsValidator>());
        return services;
    }

    /// <summary>Needs the Store and Sending slices (the store file, the token key's options, the suppression list).</summary>
    public static IServiceCollection AddTracking(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTrackingOptions(configuration);
        services.TryAddSingleton<TrackingTokens>();
        services.TryAddSingleton<HitRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<HitRecorder>());
        return services;
    }
}
