using System.Text.Json.Nodes;
using Connector.Reports;
using Connector.Sending.Hygiene;
using Connector.Sending.Ledger;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Connector.Api;

/// <summary>
/// <c>/api/v1</c>: every route needs <c>Authorization: Bearer KEY</c> (401 ProblemDetails otherwise) and reads only the
/// key's portal. Errors are RFC 7807 ProblemDetails naming the field. The OpenAPI document is at <c>/openapi/v1.json</c>.
/// </summary>
public static class ApiEndpoints
{
    public const string Scheme = "bearer";
    private const string CallerItem = "Connector.Api.Caller";

    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        // The document needs a key too: every inbound endpoint authenticates.
        app.MapOpenApi("/openapi/{documentName}.json").AddEndpointFilter(AuthenticateAsync);
        var api = app.MapGroup("/api/v1").AddEndpointFilter(AuthenticateAsync).WithTags("api");
        api.MapPost("/messages", ApiMessages.PostAsync)
            .Accepts<ApiMessageBody>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Queue one message (template + contact_id or address + variables); Idempotency-Key honoured for 24 h");
        api.MapGet("/messages/{id}", ApiMessages.GetAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A queued message's state and engagement");
        api.MapPost("/scenarios/{name}/enrollments", ApiEnrollments.PostAsync)
            .Accepts<ApiEnrollmentBody>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Enter a deal or contact into a scenario whose trigger is 'api' (deal_id or contact_id, optional variables); Idempotency-Key honoured");
        api.MapGet("/send-keys/{key}/stats", SendKeyAsync);
        api.MapGet("/contacts/{id}/messages", (HttpContext http, string id, ReportQueries reports, CancellationToken ct) => MessagesAsync(http, "contact", id, reports, ct));
        api.MapGet("/deals/{id}/messages", (HttpContext http, string id, ReportQueries reports, CancellationToken ct) => MessagesAsync(http, "deal", id, reports, ct));
        api.MapGet("/suppressions", ListSuppressionsAsync);
        api.MapPost("/suppressions", AddSuppressionAsync);
        api.MapDelete("/suppressions/{address}", RemoveSuppressionAsync);
        return app;
    }

    private static async ValueTask<object?> AuthenticateAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        var caller = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? await http.RequestServices.GetRequiredService<ApiKeyStore>().VerifyAsync(header["Bearer ".Length..].Trim(), http.RequestAborted)
            : null;
        if (caller is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "Authorization", "a valid API key is required: Authorization: Bearer ceb_…");
        }

        http.Items[CallerItem] = caller;
        return await next(context);
    }

    internal static ApiCaller Caller(HttpContext http) => (ApiCaller)http.Items[CallerItem]!;

    private static async Task<IResult> SendKeyAsync(HttpContext http, string key, ReportQueries reports, CancellationToken cancellationToken)
    {
        // A send key is the portal's when its send_keys row says so; one of another portal, or of a recipients file, is not found.
        var report = await reports.SendKeyAsync(key, cancellationToken);
        return report?.Key?.PortalId == Caller(http).PortalId
            ? Json(ReportJson.SendKey(report))
            : Problem(StatusCodes.Status404NotFound, "Not Found", "key", $"no send key '{Capped(key)}' of this portal");
    }

    private static async Task<IResult> MessagesAsync(HttpContext http, string record, string id, ReportQueries reports, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var recordId) || recordId <= 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "Bad Request", "id", $"the {record} id must be a positive whole number");
        }

        var caller = Caller(http);
        var messages = record == "contact" ? await reports.ContactAsync(caller.PortalId, recordId, cancellationToken) : await reports.DealAsync(caller.PortalId, recordId, cancellationToken);
        return Json(ReportJson.Messages(record, recordId, caller.PortalKey, messages));
    }

    private static async Task<IResult> ListSuppressionsAsync(HttpContext http, string? after, string? limit, ApiSuppressionPage pages, CancellationToken cancellationToken)
    {
        var size = 100;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) || size < 1 || size > ApiSuppressionPage.MaxLimit))
        {
            return Problem(StatusCodes.Status400BadRequest, "Bad Request", "limit", $"limit must be 1 to {ApiSuppressionPage.MaxLimit}");
        }

        var rows = await pages.ReadAsync(Caller(http).PortalId, after, size, cancellationToken);
        var items = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject { ["address"] = r.Address, ["reason"] = r.Reason, ["source"] = r.Source, ["created_at"] = r.CreatedAt })]);
        return Json(new JsonObject { ["items"] = items, ["next_after"] = rows.Count == size ? rows[^1].Address : null });
    }

    private static async Task<IResult> AddSuppressionAsync(HttpContext http, SendLedgerStore ledger, CancellationToken cancellationToken)
    {
        ApiSuppressionRequest? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<ApiSuppressionRequest>(cancellationToken);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return Problem(StatusCodes.Status400BadRequest, "Bad Request", "body", "a JSON object {\"address\": …, \"reason\": \"manual\"} is required");
        }

        if (body?.Address is not { } address || AddressValidator.Normalise(address) is not { } normalised)
        {
            return Problem(StatusCodes.Status400BadRequest, "Bad Request", "address", "not a plain, valid address");
        }

        if (body.Reason is not (null or "manual"))
        {
            return Problem(StatusCodes.Status400BadRequest, "Bad Request", "reason", "only reason 'manual' can be added through the API");
        }

        var added = await ledger.SuppressAsync(normalised, "manual", $"api:{Caller(http).KeyId}", cancellationToken);
        var json = new JsonObject { ["address"] = normalised, ["reason"] = "manual", ["added"] = added };
        return added ? Results.Json(json, statusCode: StatusCodes.Status201Created) : Json(json);
    }

    private static async Task<IResult> RemoveSuppressionAsync(HttpContext http, string address, SendLedgerStore ledger, ApiSuppressionPage pages, CancellationToken cancellationToken)
    {
        var normalised = AddressValidator.Normalise(address) ?? address;
        return await pages.VisibleAsync(Caller(http).PortalId, normalised, cancellationToken) && await ledger.UnsuppressAsync(normalised, cancellationToken)
            ? Results.NoContent()
            : Problem(StatusCodes.Status404NotFound, "Not Found", "address", "no manual suppression of this address (unsubscribes, complaints and bounces are never lifted here)");
    }

    private static IResult Json(JsonObject json) => Results.Text(json.ToJsonString(), "application/json", System.Text.Encoding.UTF8);

    internal static ProblemHttpResult Problem(int status, string title, string field, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail, Extensions = { ["field"] = field } });

    private static string Capped(string text) => text.Length > 200 ? text[..200] : text;
}
