using System.Globalization;
using Connector.Scenarios;
using Connector.Sending.Ledger;
using Connector.Web.UiSession;

namespace Connector.Web.Tabs;

/// <summary>
/// <c>/api/ui/tabs/{record}/{id}</c>: the deal and contact card tabs' routes (record is <c>deal</c> or <c>contact</c>).
/// Every route is open to a tab's token for its own record only (<see cref="UiApi.Forbidden"/>; the app page's token
/// reads any record of its portal) and answers from the local mirror and stores: no Bitrix24 REST call once the viewer
/// is verified. Bad input is a 400 ProblemDetails naming the field; refusals (a suppressed address, an unknown
/// template, a scenario that may not be entered) 422 naming the field.
/// </summary>
public static class TabEndpoints
{
    public static RouteGroupBuilder MapTabUi(this RouteGroupBuilder ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        var tabs = ui.MapGroup("/tabs/{record}/{id}");
        tabs.MapGet("", ViewAsync).AllowTab().Produces<TabView>()
            .WithSummary("A card tab's view from the mirror: the record (stage, pipeline, responsible user by name), contacts with suppression state, e-mail history with opens and clicks, scenario enrollments");
        tabs.MapGet("/choices", ChoicesAsync).AllowTab().Produces<TabChoices>()
            .WithSummary("The templates a manager may send from the card and the portal's active api-triggered scenarios it may enroll the record in");
        tabs.MapPost("/preview", PreviewAsync).AllowTab().Accepts<TabSendBody>("application/json").Produces<TabPreview>()
            .WithSummary("A stored template rendered for the card's contact as it would be sent (show the HTML only in a sandboxed iframe)");
        tabs.MapPost("/send", SendAsync).AllowTab().Accepts<TabSendBody>("application/json").Produces<TabSent>(StatusCodes.Status202Accepted)
            .WithSummary("Send a stored template to the card's contact now (suppression and the CRM's opt-out apply)");
        tabs.MapPost("/enrollments", EnrollAsync).AllowTab().Accepts<TabEnrollBody>("application/json").Produces<TabEnrolled>(StatusCodes.Status202Accepted)
            .WithSummary("Enroll the card's deal or contact in an active api-triggered scenario");
        tabs.MapPost("/enrollments/{enrollment}/stop", StopAsync).AllowTab().Produces<TabEnrollment>()
            .WithSummary("Stop one active enrollment shown on the card (it exits; its due step goes)");
        tabs.MapDelete("/suppressions/{address}", LiftAsync).AllowTab().Produces(StatusCodes.Status204NoContent)
            .WithSummary("Lift a manual suppression of one of the card's contacts' addresses (unsubscribes, complaints and bounces are never lifted)");
        return tabs;
    }

    private static async Task<IResult> ViewAsync(HttpContext http, string record, string id, TabQueries queries, CancellationToken cancellationToken)
    {
        var (placement, recordId, problem) = Target(http, record, id);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(await queries.ViewAsync(UiApi.Caller(http).PortalId, placement, recordId, cancellationToken));
    }

    private static async Task<IResult> ChoicesAsync(HttpContext http, string record, string id, TabLetters letters, CancellationToken cancellationToken)
    {
        if (Target(http, record, id).Problem is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await letters.ChoicesAsync(UiApi.Caller(http).PortalId, cancellationToken));
    }

    private static async Task<IResult> PreviewAsync(HttpContext http, string record, string id, TabLetters letters, CancellationToken cancellationToken)
    {
        var (placement, recordId, body, problem) = await LetterAsync(http, record, id, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (preview, field, detail) = await letters.PreviewAsync(UiApi.Caller(http).PortalId, placement, recordId, body, cancellationToken);
        return preview is not null ? TypedResults.Ok(preview) : Unprocessable(field!, detail!);
    }

    private static async Task<IResult> SendAsync(HttpContext http, string record, string id, TabLetters letters, CancellationToken cancellationToken)
    {
        var (placement, recordId, body, problem) = await LetterAsync(http, record, id, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var caller = UiApi.Caller(http);
        var (sent, field, detail) = await letters.SendAsync(caller.PortalId, caller.UserId, placement, recordId, body, cancellationToken);
        return sent is not null ? Results.Json(sent, statusCode: StatusCodes.Status202Accepted) : Unprocessable(field!, detail!);
    }

    private static async Task<IResult> EnrollAsync(HttpContext http, string record, string id, TabLetters letters, CancellationToken cancellationToken)
    {
        var (placement, recordId, problem) = Target(http, record, id);
        if (problem is not null)
        {
            return problem;
        }

        TabEnrollBody? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<TabEnrollBody>(cancellationToken);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return BadRequest("body", "a JSON object {\"scenario\": \"…\"} is required");
        }

        if (TabLetters.NameProblem(body?.Scenario, "scenario") is { } wrong)
        {
            return BadRequest("scenario", wrong);
        }

        var caller = UiApi.Caller(http);
        var (enrolled, field, detail) = await letters.EnrollAsync(caller.PortalId, caller.UserId, placement, recordId, body!, cancellationToken);
        return enrolled is not null ? Results.Json(enrolled, statusCode: StatusCodes.Status202Accepted) : Unprocessable(field!, detail!);
    }

    private static async Task<IResult> StopAsync(HttpContext http, string record, string id, string enrollment, TabQueries queries, EnrollmentStore enrollments, CancellationToken cancellationToken)
    {
        var (placement, recordId, problem) = Target(http, record, id);
        if (problem is not null)
        {
            return problem;
        }

        if (!long.TryParse(enrollment, NumberStyles.None, CultureInfo.InvariantCulture, out var enrollmentId) || enrollmentId <= 0)
        {
            return BadRequest("enrollment", "the enrollment id must be a positive whole number");
        }

        var caller = UiApi.Caller(http);
        if (!await queries.OnCardAsync(caller.PortalId, placement, recordId, enrollmentId, cancellationToken))
        {
            return UiApi.Problem(StatusCodes.Status404NotFound, "Not Found", "enrollment", "no enrollment with this id on this card");
        }

        if (!await enrollments.StopOneAsync(caller.PortalId, enrollmentId, $"stopped from the card by user {caller.UserId.ToString(CultureInfo.InvariantCulture)}", cancellationToken))
        {
            return UiApi.Problem(StatusCodes.Status409Conflict, "Conflict", "enrollment", "this enrollment is no longer active");
        }

        var view = await queries.ViewAsync(caller.PortalId, placement, recordId, cancellationToken);
        return TypedResults.Ok(view.Enrollments.First(e => e.Id == enrollmentId));
    }

    private static async Task<IResult> LiftAsync(HttpContext http, string record, string id, string address, TabQueries queries, SendLedgerStore ledger, CancellationToken cancellationToken)
    {
        var (placement, recordId, problem) = Target(http, record, id);
        if (problem is not null)
        {
            return problem;
        }

        var wanted = address.Trim();
        if (wanted.Length is 0 or > 320)
        {
            return BadRequest("address", "an e-mail address of this card's contacts is required");
        }

        var caller = UiApi.Caller(http);
        var view = await queries.ViewAsync(caller.PortalId, placement, recordId, cancellationToken);
        var entry = view.Contacts.SelectMany(c => c.Addresses).FirstOrDefault(a =>
            a.Address.Equals(wanted, StringComparison.OrdinalIgnoreCase) || a.Display.Equals(wanted, StringComparison.OrdinalIgnoreCase));
        if (entry is null)
        {
            return UiApi.Problem(StatusCodes.Status404NotFound, "Not Found", "address", "not an address of this card's contacts");
        }

        if (entry.Suppression is null)
        {
            return UiApi.Problem(StatusCodes.Status404NotFound, "Not Found", "address", "this address is not suppressed");
        }

        if (!entry.Liftable || !await ledger.UnsuppressAsync(entry.Address, cancellationToken))
        {
            return UiApi.Problem(StatusCodes.Status409Conflict, "Conflict", "address",
                $"only a manual suppression can be lifted here; this one is '{entry.Suppression}' (the recipient's or the mail server's word)");
        }

        return Results.NoContent();
    }

    // The record kind and id from the path, then the tab's scope: 400 naming the field, or 403 for another record.
    private static (UiPlacement Placement, long Id, IResult? Problem) Target(HttpContext http, string record, string id)
    {
        var placement = record switch
        {
            "deal" => UiPlacement.DealTab,
            "contact" => UiPlacement.ContactTab,
            _ => UiPlacement.App,
        };
        if (placement == UiPlacement.App)
        {
            return (placement, 0, BadRequest("record", "the record is 'deal' or 'contact'"));
        }

        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var recordId) || recordId <= 0)
        {
            return (placement, 0, BadRequest("id", $"the {record} id must be a positive whole number"));
        }

        return (placement, recordId, UiApi.Forbidden(http, placement, recordId));
    }

    /// <summary>The card a letter is for and the letter's body (preview and send), or the problem to answer instead.</summary>
    private static async Task<(UiPlacement Placement, long Id, TabSendBody Body, IResult? Problem)> LetterAsync(HttpContext http, string record, string id, CancellationToken cancellationToken)
    {
        var (placement, recordId, problem) = Target(http, record, id);
        if (problem is not null)
        {
            return (placement, recordId, null!, problem);
        }

        var (body, bad) = await SendBodyAsync(http, cancellationToken);
        return body is null ? (placement, recordId, null!, bad!) : (placement, recordId, body, null);
    }

    private static async Task<(TabSendBody? Body, IResult? Problem)> SendBodyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        TabSendBody? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<TabSendBody>(cancellationToken);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return (null, BadRequest("body", "a JSON object {\"template\": \"…\", \"contactId\": …} is required"));
        }

        if (TabLetters.NameProblem(body?.Template, "template") is { } wrong)
        {
            return (null, BadRequest("template", wrong));
        }

        return body!.ContactId is <= 0 ? (null, BadRequest("contactId", "the contact id must be a positive whole number")) : (body, null);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult BadRequest(string field, string detail) => UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", field, detail);

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Unprocessable(string field, string detail) => UiApi.Problem(StatusCodes.Status422UnprocessableEntity, "Unprocessable Entity", field, detail);
}
