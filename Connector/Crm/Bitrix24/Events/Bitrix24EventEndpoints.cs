using Connector.Crm.Bitrix24.Installs;
using Connector.Sync;
using Connector.Web;

namespace Connector.Crm.Bitrix24.Events;

/// <summary>
/// <c>POST /b24/events</c>: Bitrix24 sends each event once and never retries, so the event is authenticated, stored
/// in the inbox and answered at once; the background processor does the reading. Forged or unknown → 401 and nothing
/// stored; malformed → 400; larger than an event can be → 413.
/// </summary>
public static class Bitrix24EventEndpoints
{
    public const string Route = "/b24/events";
    public const long MaxBody = Bitrix24FormReader.MaxBody;

    public static IEndpointRouteBuilder MapBitrix24Events(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, HandleAsync).DisableAntiforgery();
        return app;
    }

    public static async Task<IResult> HandleAsync(
        HttpRequest request, Bitrix24EventAuthenticator authenticator, IChangeInbox inbox, ChangeSignal signal,
        Bitrix24Uninstaller uninstaller, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var logger = loggers.CreateLogger(typeof(Bitrix24EventEndpoints));
        var (form, problem, status) = await ReadFormAsync(request, cancellationToken);
        if (form is null)
        {
            logger.LogWarning("Event rejected ({Status}): {Problem}", status, LogText.Safe(problem));
            return Results.Text(problem, statusCode: status);
        }

        var (portal, refusal) = await authenticator.AuthenticateAsync(form, cancellationToken);
        if (portal is null)
        {
            logger.LogWarning("Event {Event} rejected (401): {Reason}", LogText.Safe(form.Event, 64), LogText.Safe(refusal));
            return Results.Text("unauthorized", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (form.Event == Bitrix24EventNames.AppUninstall && portal.IsAppInstall)
        {
            await uninstaller.UninstallAsync(portal.PortalKey, form.Form["data[CLEAN]"] == "1", cancellationToken);
            return Results.Text("OK");
        }

        if (!Bitrix24EventNames.TryGetChange(form.Event, out var kind, out var type))
        {
            logger.LogDebug("Event {Event} for {Portal} ignored: not one the connector binds", LogText.Safe(form.Event, 64), portal.PortalKey);
            return Results.Text("OK");
        }

        if (form.EntityId is not { } id)
        {
            logger.LogWarning("Event {Event} for {Portal} rejected (400): data[FIELDS][ID] is missing or not a positive integer", LogText.Safe(form.Event, 64), portal.PortalKey);
            return Results.Text("data[FIELDS][ID] is missing or not a positive integer", statusCode: StatusCodes.Status400BadRequest);
        }

        await inbox.AddAsync(portal.PortalId, new CrmChange(kind, id, type, form.Event), form.Payload, cancellationToken);
        signal.Notify();
        return Results.Text("OK");
    }

    private static async Task<(Bitrix24EventForm? Form, string Problem, int Status)> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (raw, problem, status) = await Bitrix24FormReader.ReadAsync(request, cancellationToken);
        if (raw is null)
        {
            return (null, problem, status);
        }

        var form = Bitrix24EventForm.From(raw);
        return form.Event.Length == 0 ? (null, "the field event is missing", StatusCodes.Status400BadRequest) : (form, "", 200);
    }
}
