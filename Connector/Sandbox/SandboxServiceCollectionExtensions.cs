using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>Binds <see cref="SandboxOptions"/> from section <c>Sandbox</c> and registers one seeded <see cref="SandboxPortal"/>.</summary>
    public static IServiceCollection AddSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection(SandboxOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SandboxPortal(
            sp.GetRequiredService<IOptions<SandboxOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
