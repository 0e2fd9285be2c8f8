using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Templates;

public static class TemplatesServiceCollectionExtensions
{
    /// <summary><c>Templates:*</c> bound and validated at start; the compiler (one cache per host), the template store, and the app page's template library.</summary>
    public static IServiceCollection AddTemplates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TemplateOptions>().Bind(configuration.GetSection(TemplateOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TemplateOptions>, TemplateOptionsValidator>());
        services.TryAddSingleton(sp => new TemplateCompiler(sp.GetRequiredService<IOptions<TemplateOptions>>().Value));
        services.TryAddSingleton<TemplateStore>();
        services.TryAddSingleton<Ui.TemplateLibrary>();
        services.TryAddSingleton<Ui.TemplateMirrorQueries>();
        services.TryAddSingleton<Ui.TemplateTestSendLimit>();
        return services;
    }
}
