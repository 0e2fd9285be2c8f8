using Connector.Web.Settings.Suppressions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Web.Settings;

/// <summary>The Settings section's services (each reads through the slices' own stores and options).</summary>
public static class SettingsUiServiceCollectionExtensions
{
    public static IServiceCollection AddSettingsUi(this IServiceCollection services)
    {
        services.TryAddSingleton<SuppressionList>();
        services.TryAddSingleton<SuppressionImport>();
        services.TryAddSingleton<Smtp.SmtpTransports>();
        return services;
    }
}
