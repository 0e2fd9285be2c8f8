using Connector.Sandbox.Wire;

namespace Connector.Sandbox;

/// <summary>
/// The app-facing routes: OAuth REST authenticated by <c>auth</c> in the query, form or JSON body
/// (settings/how-to-call-rest-api/authorization.md), the 302 of a moved portal (change-domen.md), and the
/// authorization server's refresh grant (settings/oauth/auto-renewal.md).
/// </summary>
public static class SandboxOAuthEndpoints
{
    public static Task<IResult> HandleRestAsync(HttpContext context, string method, SandboxPortal portal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(portal);
        portal.LearnBaseUrl(context.Request);
        if (portal.DomainChanged)
        {
            // change-domen.md: the old address answers a redirect to the new one, method and query included.
            var location = new Uri(portal.ClientEndpoint, Uri.EscapeDataString(method) + context.Request.QueryString.Value);
            return Task.FromResult<IResult>(Results.Redirect(location.ToString(), permanent: false));
        }

        return ServeAsync(context, method, portal, cancellationToken);
    }

    public static Task<IResult> HandleMovedRestAsync(HttpContext context, string method, SandboxPortal portal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(portal);
        portal.LearnBaseUrl(context.Request);
        return portal.DomainChanged ? ServeAsync(context, method, portal, cancellationToken) : Task.FromResult(Results.NotFound());
    }

    public static async Task<IResult> HandleTokenAsync(HttpContext context, SandboxPortal portal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(portal);
        portal.LearnBaseUrl(context.Request);
        var parameters = await SandboxEndpoints.ReadParametersAsync(context.Request, cancellationToken) ?? [];
        string? Value(string key) => SandboxParams.AsString(parameters[key]);
        return SandboxEndpoints.Write(portal.RefreshToken(Value("grant_type"), Value("client_id"), Value("client_secret"), Value("refresh_token")));
    }

    private static async Task<IResult> ServeAsync(HttpContext context, string method, SandboxPortal portal, CancellationToken cancellationToken)
    {
        var parameters = await SandboxEndpoints.ReadParametersAsync(context.Request, cancellationToken);
        if (parameters is null)
        {
            return SandboxEndpoints.Write(new SandboxResponse(400, SandboxError.BadRequest("Invalid JSON in request body").ToJson()));
        }

        var auth = SandboxParams.AsString(parameters["auth"]);
        parameters.Remove("auth");
        return SandboxEndpoints.Write(portal.HandleOAuth(auth, method, parameters));
    }
}
