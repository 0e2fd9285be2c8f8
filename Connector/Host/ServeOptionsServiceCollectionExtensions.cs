using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Host;

public static class ServeOptionsServiceCollectionExtensions
{
    /// <summary><c>urls</c> and <c>Serve:TrustedProxies</c> bound and validated at start.</summary>
    public static IServiceCollection AddServeOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServeOptions>().Configure(o =>
        {
            o.Urls = configuration["urls"];
            o.TrustedProxies = ServeOptions.TrustedProxiesFrom(configuration);
        }).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServeOptions>, ServeOptionsValidator>());
        return services;
    }

    /// <summary><c>Quartz:*</c> bound and validated at start, against the store's engine (<c>Store:Provider</c>).</summary>
    public static IServiceCollection AddSchedulerOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulerOptions>().Bind(configuration.GetSection(SchedulerOptions.Section)).ValidateOnStart();
        var store = configuration.GetSection(Connector.Store.StoreOptions.Section).Get<Connector.Store.StoreOptions>() ?? new Connector.Store.StoreOptions();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulerOptions>>(new SchedulerOptionsValidator(store.ProviderKind)));
        return services;
    }
}
