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
                document.Components.SecuritySchemes[Web.UiSession.UiApi.Scheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer",
                    Description = "/api/ui only: the pages' session token (ceu_…), handed to a page after Bitrix24's placement POST was verified; about an hour",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiEndpoints.Scheme, document)] = [] }];
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.RelativePath?.StartsWith("api/ui/", StringComparison.Ordinal) == true)
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Web.UiSession.UiApi.Scheme, context.Document)] = [] }];
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }
}
