using System.Text.Json;
using Connector.Web;
using Connector.Web.UiSession;

namespace Connector.Crm.Bitrix24.Placement;

/// <summary>
/// <c>POST /b24/placement/{code}</c>: the pages Bitrix24 shows in the contact and deal tabs and the left menu / app page.
/// The form is read within 64 KB (400/413 otherwise) and the viewer verified by <see cref="Bitrix24PlacementAuthenticator"/>
/// (APPLICATION_TOKEN when sent, else the viewer's AUTH_ID proved with the portal, which also names the user and
/// whether they are an admin). The answer is the app (<see cref="UiPage"/>) with a session token scoped to the portal,
/// the user and — for a tab — the record in <c>PLACEMENT_OPTIONS.ID</c>, and the page's first data read from the local
/// mirror (no REST call once the viewer is verified).
/// </summary>
public static class Bitrix24PlacementEndpoints
{
    public static IEndpointRouteBuilder MapBitrix24Placements(this IEndpointRouteBuilder app)
    {
        app.MapPost("/b24/placement/{code}", HandleAsync).DisableAntiforgery();
        return app;
    }

    public static async Task<IResult> HandleAsync(
        string code, HttpRequest request, Bitrix24PlacementAuthenticator authenticator, UiSessionTokens sessions, UiInitialData initialData,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authenticator);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(initialData);
        var logger = loggers.CreateLogger(typeof(Bitrix24PlacementEndpoints));
        var language = UiLanguages.From(request.Query["LANG"].ToString());
        var (form, problem, status) = await Bitrix24FormReader.ReadAsync(request, cancellationToken);
        if (form is null)
        {
            logger.LogWarning("Placement {Code} rejected ({Status}): {Problem}", LogText.Safe(code, 64), status, LogText.Safe(problem));
            return Results.Text(problem, statusCode: status);
        }

        var (viewer, refusal, refused) = await authenticator.AuthenticateAsync(form, cancellationToken);
        if (viewer is null)
        {
            logger.LogWarning("Placement {Code} rejected ({Status}): {Reason}", LogText.Safe(code, 64), refused, LogText.Safe(refusal));
            return refused == StatusCodes.Status429TooManyRequests
                ? UiPage.Refusal(request.HttpContext.Response, refused, language, "Too many requests; reload the page in a minute.", "Слишком много запросов; обновите страницу через минуту.")
                : UiPage.Refusal(request.HttpContext.Response, refused, language, "Access denied: the app is not installed on this portal.", "Доступ запрещён: приложение не установлено на этом портале.");
        }

        var id = EntityId(form["PLACEMENT_OPTIONS"].ToString());
        var placement = (code.ToUpperInvariant(), id) switch
        {
            ("CRM_DEAL_DETAIL_TAB" or "CRM_DEAL_LIST_MENU", not null) => UiPlacement.DealTab,
            ("CRM_CONTACT_DETAIL_TAB" or "CRM_CONTACT_LIST_MENU", not null) => UiPlacement.ContactTab,
            _ => UiPlacement.App,
        };
        var caller = new UiCaller(
            viewer.Install.PortalId, viewer.Install.MemberId, viewer.UserId, viewer.IsAdmin, language, placement,
            placement == UiPlacement.App ? null : id, viewer.Until);
        var (token, issued) = sessions.Issue(caller);
        var initial = await initialData.ForAsync(issued, cancellationToken);
        return UiPage.Render(request.HttpContext.Response, issued, token, viewer.Install.ClientEndpoint, initial);
    }

    private static long? EntityId(string options)
    {
        try
        {
            using var json = JsonDocument.Parse(options.Length == 0 ? "{}" : options);
            var id = json.RootElement.ValueKind == JsonValueKind.Object ? Bitrix24Json.ReadOptionalLong(json.RootElement, "ID") : null;
            return id is > 0 ? id : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return null;
        }
    }
}
