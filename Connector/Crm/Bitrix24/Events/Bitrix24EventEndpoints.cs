using Connector.Crm.Bitrix24.Installs;
using Connector.Sync;
using Microsoft.AspNetCore.Http.Features;

namespace Connector.Crm.Bitrix24.Events;

/// <summary>
/// <c>POST /b24/events</c>: Bitrix24 sends each event once and never retries, so the event is authenticated, stored
/// in the inbox and answered at once; the background processor does the reading. Forged or unknown → 401 and nothing
/// stored; malformed → 400; larger than an event can be → 413.
/// </summary>
public static class Bitrix24EventEndpoints
{
    public const string Route = "/b24/events";
    public const long MaxBody = 64 * 1024;

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
            logger.LogWarning("Event rejected ({Status}): {Problem}", status, problem);
            return Results.Text(problem, statusCode: status);
        }

        var (portal, refusal) = await authenticator.AuthenticateAsync(form, cancellationToken);
        if (portal is null)
        {
            logger.LogWarning("Event {Event} rejected (401): {Reason}", form.Event, refusal);
            return Results.Text("unauthorized", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (form.Event == Bitrix24EventNames.AppUninstall && portal.IsAppInstall)
        {
            await uninstaller.UninstallAsync(portal.PortalKey, form.Form["data[CLEAN]"] == "1", cancellationToken);
            return Results.Text("OK");
        }

        if (!Bitrix24EventNames.TryGetChange(form.Event, out var kind, out var type))
        {
            logger.LogDebug("Event {Event} for {Portal} ignored: not one the connector binds", form.Event, portal.PortalKey);
            return Results.Text("OK");
        }

        if (form.EntityId is not { } id)
        {
            logger.LogWarning("Event {Event} for {Portal} rejected (400): data[FIELDS][ID] is missing or not a positive integer", form.Event, portal.PortalKey);
            return Results.Text("data[FIELDS][ID] is missing or not a positive integer", statusCode: StatusCodes.Status400BadRequest);
        }

        await inbox.AddAsync(portal.PortalId, new CrmChange(kind, id, type, form.Event), form.Payload, cancellationToken);
        signal.Notify();
        return Results.Text("OK");
    }

    private static async Task<(Bitrix24EventForm? Form, string Problem, int Status)> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBody)
        {
            return (null, $"body of {request.ContentLength} bytes is larger than {MaxBody}", StatusCodes.Status413PayloadTooLarge);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBody;
        }

        if (!request.HasFormContentType)
        {
            return (null, "expected an application/x-www-form-urlencoded body", StatusCodes.Status400BadRequest);
        }

        try
        {
            var form = Bitrix24EventForm.From(await request.ReadFormAsync(cancellationToken));
            return form.Event.Length == 0 ? (null, "the field event is missing", StatusCodes.Status400BadRequest) : (form, "", 200);
        }
        catch (BadHttpRequestException ex)
        {
            return (null, ex.Message, ex.StatusCode);
        }
        catch (InvalidDataException ex)
        {
            return (null, $"malformed form body: {ex.Message}", StatusCodes.Status400BadRequest);
        }
    }
}
