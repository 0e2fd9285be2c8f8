using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Connector.Scenarios;

namespace Connector.Api;

/// <summary>
/// <c>POST /api/v1/scenarios/{name}/enrollments</c>: enters a deal or contact into an api-triggered scenario of the
/// key's portal (<see cref="ScenarioEntries"/>) and answers 202 with the enrollment id. Unknown scenario → 404; a
/// scenario entered by its own trigger → 409; re-entry refused, no such deal or contact in the mirror → 422 naming the
/// field and the reason. <c>Idempotency-Key</c> (per API key and scenario): the same key and body get the first
/// enrollment again (<c>Idempotent-Replayed: true</c>), another body 422; without it every call is a new entry.
/// </summary>
public static class ApiEnrollments
{
    public static async Task<IResult> PostAsync(HttpContext http, string name, ScenarioEntries entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(entries);
        var caller = ApiEndpoints.Caller(http);
        var idempotencyKey = http.Request.Headers[ApiMessages.IdempotencyHeader].ToString();
        if (http.Request.Headers.ContainsKey(ApiMessages.IdempotencyHeader)
            && (idempotencyKey.Length is 0 or > ApiMessages.MaxIdempotencyKeyLength || idempotencyKey.Any(c => c is < ' ' or > '~')))
        {
            return ApiEndpoints.Problem(StatusCodes.Status400BadRequest, "Bad Request", ApiMessages.IdempotencyHeader, $"1 to {ApiMessages.MaxIdempotencyKeyLength} printable ASCII characters");
        }

        var (request, status, field, problem) = await ApiEnrollmentRequestReader.ReadAsync(http.Request, cancellationToken);
        if (request is null)
        {
            return ApiEndpoints.Problem(status, status == StatusCodes.Status413PayloadTooLarge ? "Payload Too Large" : "Bad Request", field, problem);
        }

        var entryKey = idempotencyKey.Length > 0
            ? $"api:{caller.KeyId}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32]}"
            : $"api:{caller.KeyId}:{Guid.NewGuid():N}";
        var result = await entries.EnterAsync(caller.PortalId, name, new ExplicitEntry
        {
            Subject = request.Subject, SubjectId = request.SubjectId, EntryKey = entryKey, Variables = request.Variables, RequestHash = request.Fingerprint(),
        }, cancellationToken);
        if (result.Refused is { } refused)
        {
            var (code, title, where) = refused switch
            {
                ExplicitEntryResult.UnknownScenario => (StatusCodes.Status404NotFound, "Not Found", "name"),
                ExplicitEntryResult.NotExplicit => (StatusCodes.Status409Conflict, "Conflict", "name"),
                ExplicitEntryResult.NotActive => (StatusCodes.Status422UnprocessableEntity, "Unprocessable Entity", "name"),
                ExplicitEntryResult.Conflict => (StatusCodes.Status422UnprocessableEntity, "Unprocessable Entity", ApiMessages.IdempotencyHeader),
                _ => (StatusCodes.Status422UnprocessableEntity, "Unprocessable Entity", request.Field),
            };
            var problemResult = ApiEndpoints.Problem(code, title, where, result.Detail ?? refused);
            problemResult.ProblemDetails.Extensions["reason"] = refused;
            return problemResult;
        }

        if (result.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return Results.Json(new JsonObject
        {
            ["id"] = result.EnrollmentId, ["scenario"] = name, ["scenario_id"] = result.ScenarioId, [request.Field] = request.SubjectId, ["state"] = "active",
        }, statusCode: StatusCodes.Status202Accepted);
    }
}
