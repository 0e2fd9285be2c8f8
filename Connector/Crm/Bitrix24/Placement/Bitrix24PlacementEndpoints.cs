using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Connector.Crm.Bitrix24.Installs;
using Connector.Store;

namespace Connector.Crm.Bitrix24.Placement;

/// <summary>
/// <c>POST /b24/placement/{code}</c>: the pages Bitrix24 shows in the contact and deal tabs and the left menu.
/// Authenticated by member_id + APPLICATION_TOKEN (constant time); every CRM value is HTML-encoded. A simple page
/// until the UI issue lands.
/// </summary>
public static class Bitrix24PlacementEndpoints
{
    public static IEndpointRouteBuilder MapBitrix24Placements(this IEndpointRouteBuilder app)
    {
        app.MapPost("/b24/placement/{code}", HandleAsync).DisableAntiforgery();
        return app;
    }

    public static async Task<IResult> HandleAsync(string code, HttpRequest request, Bitrix24InstallStore installs, MirrorQueries mirror, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        var memberId = form?["member_id"].ToString();
        var token = form?["APPLICATION_TOKEN"].ToString();
        var install = string.IsNullOrEmpty(memberId) ? null : await installs.GetAsync(memberId, cancellationToken);
        if (install is not { IsActive: true } || string.IsNullOrEmpty(token)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(install.ApplicationToken)))
        {
            return Results.Content(Page("CrmEspBridge", "<p>Доступ запрещён: приложение не установлено на этом портале.</p>"), "text/html; charset=utf-8", statusCode: 401);
        }

        var id = EntityId(form!["PLACEMENT_OPTIONS"].ToString());
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
