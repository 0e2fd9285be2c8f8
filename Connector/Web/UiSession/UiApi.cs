using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Connector.Web.UiSession;

/// <summary>
/// <c>/api/ui</c>: the pages' API. Every route needs <c>Authorization: Bearer ceu_…</c>, a session token from a verified
/// placement POST (401 ProblemDetails otherwise). A tab's token reaches only routes marked <see cref="AllowTab"/>, and
/// those check the record with <see cref="UiCaller.MayRead"/>; routes marked <see cref="RequireAdmin"/> answer 403 to a
/// viewer who is not a portal admin. Errors are RFC 7807 ProblemDetails naming the field, like <c>/api/v1</c>.
/// Slices add their routes in <see cref="UiApiRoutes"/>.
/// </summary>
public static class UiApi
{
    public const string Scheme = "ui-session";
    private const string CallerItem = "Connector.Web.UiSession.Caller";

    public static IEndpointRouteBuilder MapUiApi(this IEndpointRouteBuilder app)
    {
        var ui = app.MapGroup("/api/ui").AddEndpointFilter(AuthenticateAsync).WithTags("ui");
        ui.MapGet("/session", (HttpContext http) => TypedResults.Ok(UiSessionView.From(Caller(http)))).AllowTab()
            .WithSummary("Who the session token speaks for: portal, user, admin flag, language, placement and record");
        ui.MapGet("/session/admin", () => TypedResults.NoContent()).RequireAdmin()
            .WithSummary("204 when the session's viewer is a portal administrator (Bitrix24's user.admin), 403 otherwise");
        UiApiRoutes.Map(ui);
        return app;
    }

    /// <summary>The verified caller of a <c>/api/ui</c> request.</summary>
    public static UiCaller Caller(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return (UiCaller)http.Items[CallerItem]!;
    }

    /// <summary>Lets a tab's token call this route (the handler still checks the record with <see cref="UiCaller.MayRead"/>).</summary>
    public static TBuilder AllowTab<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(TabAllowed.Instance);

    /// <summary>Only a portal admin (Bitrix24's <c>user.admin</c>) may call this route; others get 403.</summary>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(AdminOnly.Instance);

    public static ProblemHttpResult Problem(int status, string title, string field, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail, Extensions = { ["field"] = field } });

    /// <summary>403 unless the caller may read <paramref name="placement"/>'s record <paramref name="id"/>.</summary>
    public static ProblemHttpResult? Forbidden(HttpContext http, UiPlacement placement, long id) =>
        Caller(http).MayRead(placement, id) ? null : Problem(StatusCodes.Status403Forbidden, "Forbidden", "id", "this tab's session may read only its own record");

    private static async ValueTask<object?> AuthenticateAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        var caller = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? http.RequestServices.GetRequiredService<UiSessionTokens>().Verify(header["Bearer ".Length..].Trim())
            : null;
        if (caller is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "Authorization", "a valid session token is required: reopen the page in Bitrix24");
        }

        var endpoint = http.GetEndpoint();
        if (caller.IsTab && endpoint?.Metadata.GetMetadata<TabAllowed>() is null)
        {
            return Problem(StatusCodes.Status403Forbidden, "Forbidden", "Authorization", "a card tab's session cannot call this; open the app's page");
        }

        if (!caller.IsAdmin && endpoint?.Metadata.GetMetadata<AdminOnly>() is not null)
        {
            return Problem(StatusCodes.Status403Forbidden, "Forbidden", "Authorization", "only a portal administrator may do this");
        }

        http.Items[CallerItem] = caller;
        return await next(context);
    }

    private sealed class TabAllowed
    {
        public static readonly TabAllowed Instance = new();
    }

    private sealed class AdminOnly
    {
        public static readonly AdminOnly Instance = new();
    }
}
