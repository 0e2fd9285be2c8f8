using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary><c>Sandbox:*</c> bound and validated at start.</summary>
    public static IServiceCollection AddSandboxOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection(SandboxOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>());
        return services;
    }

    /// <summary>Binds <see cref="SandboxOptions"/> from section <c>Sandbox</c> and registers one seeded <see cref="SandboxPortal"/>.</summary>
    public static IServiceCollection AddSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSandboxOptions(configuration);
        services.TryAddSingleton(sp => new SandboxPortal(
            sp.GetRequiredService<IOptions<SandboxOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
