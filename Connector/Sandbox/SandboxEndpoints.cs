using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Connector.Sandbox.Portal;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox;

/// <summary>
/// Maps <c>GET|POST /sandbox/rest/{userId}/{code}/{method}[.json]</c>, the incoming-webhook URL shape
/// (local-integrations/local-webhooks.md), and the app side: <c>/sandbox/rest/{method}?auth=..</c> (OAuth REST),
/// <c>/sandbox/moved/rest/{method}</c> (after a domain change) and <c>/sandbox/oauth/token/</c> (authorization server).
/// Parameters come from the query string and from a JSON or form-urlencoded body with PHP bracket keys
/// (settings/how-to-call-rest-api/data-encoding.md).
/// </summary>
public static class SandboxEndpoints
{
    public const string RoutePrefix = "/sandbox/rest";
    public const string MovedRoutePrefix = "/sandbox/moved/rest";
    public const string TokenRoute = "/sandbox/oauth/token";
    public const string PlaceRobotRoute = "/sandbox/robots/place";

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static IEndpointRouteBuilder MapSandbox(this IEndpointRouteBuilder app)
    {
        app.MapMethods(RoutePrefix + "/{userId}/{code}/{method}", ["GET", "POST"], HandleAsync);
        app.MapMethods(RoutePrefix + "/{method}", ["GET", "POST"], SandboxOAuthEndpoints.HandleRestAsync);
        app.MapMethods(MovedRoutePrefix + "/{method}", ["GET", "POST"], SandboxOAuthEndpoints.HandleMovedRestAsync);
        app.MapMethods(TokenRoute, ["GET", "POST"], SandboxOAuthEndpoints.HandleTokenAsync);
        app.MapPost(PlaceRobotRoute, PlaceRobotAsync);
        app.MapSandboxPortal();
        return app;
    }

    /// <summary>
    /// <c>POST /sandbox/robots/place {"code":…,"stage":…,"properties":{…},"timeout_seconds":0}</c>: what an admin does in a
    /// pipeline's automation settings — places a registered robot on a stage with its dialog's values (crm-esp sandbox place-robot).
    /// </summary>
    public static async Task<IResult> PlaceRobotAsync(HttpContext context, SandboxPortal portal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(portal);
        portal.LearnBaseUrl(context.Request);
        var parameters = await ReadParametersAsync(context.Request, cancellationToken);
        var code = SandboxParams.AsString(parameters?["code"])?.Trim() ?? "";
        var stage = SandboxParams.AsString(parameters?["stage"])?.Trim() ?? "";
        if (code.Length == 0 || stage.Length == 0)
        {
            return Write(new SandboxResponse(400, SandboxError.BadRequest("code and stage are required").ToJson()));
        }

        if (!portal.Stages.Any(s => string.Equals(s.StatusId, stage, StringComparison.OrdinalIgnoreCase)))
        {
            return Write(new SandboxResponse(400, SandboxError.BadRequest($"no deal stage {stage} in the sandbox").ToJson()));
        }

        var properties = (parameters?["properties"] as JsonObject ?? [])
            .ToDictionary(p => p.Key, p => SandboxParams.AsString(p.Value) ?? "", StringComparer.Ordinal);
        var timeout = SandboxParams.AsLong(parameters?["timeout_seconds"]) ?? 0;
        portal.PlaceRobot(new SandboxPlacedRobot(code, stage.ToUpperInvariant(), properties, timeout));
        return Write(new SandboxResponse(200, new JsonObject
        {
            ["result"] = true, ["registered"] = portal.Robots.Any(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase)),
        }));
    }

    public static async Task<IResult> HandleAsync(HttpContext context, string userId, string code, string method, SandboxPortal portal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(portal);
        portal.LearnBaseUrl(context.Request);
        var parameters = await ReadParametersAsync(context.Request, cancellationToken);
        return parameters is null
            ? Write(new SandboxResponse(400, SandboxError.BadRequest("Invalid JSON in request body").ToJson()))
            : Write(portal.Handle(userId, code, method, parameters));
    }

    /// <summary>Query string merged with the body (body wins); null when a JSON body does not parse.</summary>
    internal static async Task<JsonObject?> ReadParametersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var parameters = PhpQueryParser.Parse(request.QueryString.Value);
        if (HttpMethods.IsPost(request.Method))
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(cancellationToken);
            var bodyParameters = ParseBody(request.ContentType, body);
            if (bodyParameters is null)
            {
                return null;
            }

            foreach (var (key, value) in bodyParameters.ToList())
            {
                bodyParameters.Remove(key);
                parameters[key] = value;
            }
        }

        return parameters;
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

    internal static IResult Write(SandboxResponse response) =>
        Results.Text(response.Body.ToJsonString(Json), "application/json; charset=utf-8", statusCode: response.Status);
}
