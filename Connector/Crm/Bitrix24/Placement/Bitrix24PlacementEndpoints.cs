using System.Globalization;
using System.Net;
using System.Text.Json;
using Connector.Store;
using Connector.Web;

namespace Connector.Crm.Bitrix24.Placement;

/// <summary>
/// <c>POST /b24/placement/{code}</c>: the pages Bitrix24 shows in the contact and deal tabs and the left menu.
/// The form is read within 64 KB (400/413 otherwise) and authenticated by <see cref="Bitrix24PlacementAuthenticator"/>
/// (APPLICATION_TOKEN when sent, else the viewer's AUTH_ID proved with the portal); every CRM value is HTML-encoded.
/// A simple page until the UI issue lands.
/// </summary>
public static class Bitrix24PlacementEndpoints
{
    public static IEndpointRouteBuilder MapBitrix24Placements(this IEndpointRouteBuilder app)
    {
        app.MapPost("/b24/placement/{code}", HandleAsync).DisableAntiforgery();
        return app;
    }

    public static async Task<IResult> HandleAsync(
        string code, HttpRequest request, Bitrix24PlacementAuthenticator authenticator, MirrorQueries mirror, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authenticator);
        var logger = loggers.CreateLogger(typeof(Bitrix24PlacementEndpoints));
        var (form, problem, status) = await Bitrix24FormReader.ReadAsync(request, cancellationToken);
        if (form is null)
        {
            logger.LogWarning("Placement {Code} rejected ({Status}): {Problem}", LogText.Safe(code, 64), status, LogText.Safe(problem));
            return Results.Text(problem, statusCode: status);
        }

        var (install, refusal, refused) = await authenticator.AuthenticateAsync(form, cancellationToken);
        if (install is null)
        {
            logger.LogWarning("Placement {Code} rejected ({Status}): {Reason}", LogText.Safe(code, 64), refused, LogText.Safe(refusal));
            var text = refused == StatusCodes.Status429TooManyRequests
                ? "<p>Слишком много запросов; обновите страницу через минуту.</p>"
                : "<p>Доступ запрещён: приложение не установлено на этом портале.</p>";
            return Results.Content(Page("CrmEspBridge", text), "text/html; charset=utf-8", statusCode: refused);
        }

        var id = EntityId(form["PLACEMENT_OPTIONS"].ToString());
        var body = code switch
        {
            "CRM_CONTACT_DETAIL_TAB" when id is { } c => await ContactAsync(mirror, install.PortalId, c, cancellationToken),
            "CRM_DEAL_DETAIL_TAB" when id is { } d => await DealAsync(mirror, install.PortalId, d, cancellationToken),
            _ => "<p>Рассылки, сценарии и отчёты появятся здесь.</p>",
        };
        return Results.Content(Page($"CrmEspBridge — {code}", body), "text/html; charset=utf-8");
    }

    private static async Task<string> ContactAsync(MirrorQueries mirror, long portalId, long id, CancellationToken cancellationToken)
    {
        var contact = await mirror.ContactsAsync(portalId, cancellationToken).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return contact is null
            ? $"<p>Контакт {id} ещё не синхронизирован.</p>"
            : $"<p>{E($"{contact.Name} {contact.LastName}")}</p><p>E-mail: {E(contact.Emails?.Replace(MirrorQueries.ListSeparator, ' ') ?? "—")}</p>";
    }

    private static async Task<string> DealAsync(MirrorQueries mirror, long portalId, long id, CancellationToken cancellationToken)
    {
        var deal = await mirror.DealsAsync(portalId, cancellationToken).FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        var moves = await mirror.TransitionsAsync(portalId, id, cancellationToken).CountAsync(cancellationToken);
        return deal is null
            ? $"<p>Сделка {id} ещё не синхронизирована.</p>"
            : $"<p>{E(deal.Title ?? "")}</p><p>Стадия: {E(deal.StageId)}; переходов записано: {moves.ToString(CultureInfo.InvariantCulture)}</p>";
    }

    private static long? EntityId(string options)
    {
        try
        {
            using var json = JsonDocument.Parse(options.Length == 0 ? "{}" : options);
            return json.RootElement.ValueKind == JsonValueKind.Object ? Bitrix24Json.ReadOptionalLong(json.RootElement, "ID") : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return null;
        }
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Page(string title, string body) =>
        $"<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>{E(title)}</title></head><body><h1>{E(title)}</h1>{body}</body></html>";
}
