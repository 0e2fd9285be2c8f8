using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Templates;

public static class TemplatesServiceCollectionExtensions
{
    /// <summary><c>Templates:*</c> bound and validated at start.</summary>
    public static IServiceCollection AddTemplates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TemplateOptions>().Bind(configuration.GetSection(TemplateOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TemplateOptions>, TemplateOptionsValidator>());
        return services;
    }
}
