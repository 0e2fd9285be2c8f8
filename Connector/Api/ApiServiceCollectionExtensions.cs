using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.OpenApi;

namespace Connector.Api;

/// <summary>The REST API's services: the key store, the suppression pages, ProblemDetails and the OpenAPI document.</summary>
public static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.TryAddSingleton<ApiKeyStore>();
        services.TryAddSingleton<ApiSuppressionPage>();
        services.AddProblemDetails();
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo { Title = "CrmEspBridge API", Version = "v1" };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiEndpoints.Scheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "An API key from `crm-esp apikey create` (ceb_…)",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiEndpoints.Scheme, document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return services;
    }
}
