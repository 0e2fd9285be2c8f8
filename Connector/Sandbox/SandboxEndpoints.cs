using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox;

/// <summary>
/// Maps <c>GET|POST /sandbox/rest/{userId}/{code}/{method}[.json]</c>, the incoming-webhook URL shape
/// (local-integrations/local-webhooks.md). Parameters come from the query string and from a JSON or
/// form-urlencoded body with PHP bracket keys (settings/how-to-call-rest-api/data-encoding.md).
/// </summary>
public static class SandboxEndpoints
{
    public const string RoutePrefix = "/sandbox/rest";

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static IEndpointRouteBuilder MapSandbox(this IEndpointRouteBuilder app)
    {
        app.MapMethods(RoutePrefix + "/{userId}/{code}/{method}", ["GET", "POST"], HandleAsync);
        return app;
    }

    public static async Task<IResult> HandleAsync(HttpContext context, string userId, string code, string method, SandboxPortal portal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(portal);
        var parameters = PhpQueryParser.Parse(context.Request.QueryString.Value);
        if (HttpMethods.IsPost(context.Request.Method))
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(cancellationToken);
            var bodyParameters = ParseBody(context.Request.ContentType, body);
            if (bodyParameters is null)
            {
                return Write(new SandboxResponse(400, SandboxError.BadRequest("Invalid JSON in request body").ToJson()));
            }

            foreach (var (key, value) in bodyParameters.ToList())
            {
                bodyParameters.Remove(key);
                parameters[key] = value;
            }
        }

        return Write(portal.Handle(userId, code, method, parameters));
    }

    private static JsonObject? ParseBody(string? contentType, string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }

        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                return JsonNode.Parse(body) as JsonObject;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return PhpQueryParser.Parse(body);
    }

    private static IResult Write(SandboxResponse response) =>
        Results.Text(response.Body.ToJsonString(Json), "application/json; charset=utf-8", statusCode: response.Status);
}
