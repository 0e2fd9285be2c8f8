using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Connector.Reports;
using Connector.Sending.Queue;
using Microsoft.AspNetCore.Mvc;

namespace Connector.Api;

/// <summary>
/// <c>POST /api/v1/messages</c> queues one message through <see cref="ISendQueue"/> (serve's runner sends it) and
/// answers 202 with its id; <c>GET /api/v1/messages/{id}</c> reads its state and engagement (<see cref="ReportQueries"/>),
/// for the key's portal only. <c>Idempotency-Key</c> is honoured per API key for <see cref="IdempotencyWindow"/>: the
/// send key is <c>api:{key id}:{hash of the header}</c> (a later use, after the window, a new generation of it), so the
/// same key and body get the first answer again, a different body 422, and concurrent requests one ledger row. Without
/// the header every call is a new send.
/// </summary>
public static class ApiMessages
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 255;
    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(24);

    public static async Task<IResult> PostAsync(HttpContext http, ISendQueue queue, QueuedLetterStore letters, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(letters);
        ArgumentNullException.ThrowIfNull(time);
        var caller = ApiEndpoints.Caller(http);
        var idempotencyKey = http.Request.Headers[IdempotencyHeader].ToString();
        if (http.Request.Headers.ContainsKey(IdempotencyHeader)
            && (idempotencyKey.Length is 0 or > MaxIdempotencyKeyLength || idempotencyKey.Any(c => c is < ' ' or > '~')))
        {
            return ApiEndpoints.Problem(StatusCodes.Status400BadRequest, "Bad Request", IdempotencyHeader, $"1 to {MaxIdempotencyKeyLength} printable ASCII characters");
        }

        var (request, status, field, problem) = await ApiMessageRequestReader.ReadAsync(http.Request, cancellationToken);
        if (request is null)
        {
            return ApiEndpoints.Problem(status, status == StatusCodes.Status413PayloadTooLarge ? "Payload Too Large" : "Bad Request", field, problem);
        }

        var sendKey = idempotencyKey.Length > 0
            ? await IdempotentSendKeyAsync(caller, idempotencyKey, letters, time, cancellationToken)
            : $"api:{caller.KeyId}:{Guid.NewGuid():N}";
        var result = await queue.EnqueueAsync(new QueuedLetter
        {
            PortalId = caller.PortalId, SendKey = sendKey, TemplateName = request.Template, TemplateVersion = request.TemplateVersion, Kind = request.Kind,
            ContactId = request.ContactId, Address = request.Address, DealId = request.DealId, Variables = request.Variables,
            RequestHash = idempotencyKey.Length > 0 ? request.Fingerprint() : null,
        }, cancellationToken);
        if (result.Refused is { } refused)
        {
            return ApiEndpoints.Problem(StatusCodes.Status422UnprocessableEntity, "Unprocessable Entity", FieldOf(refused, request), result.Detail ?? refused);
        }

        var id = result.LedgerRowId!.Value;
        var statusUrl = $"/api/v1/messages/{id.ToString(CultureInfo.InvariantCulture)}";
        if (!result.Created)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return Results.Json(new JsonObject { ["id"] = id, ["status"] = "queued", ["recipient"] = result.Recipient, ["status_url"] = statusUrl },
            statusCode: StatusCodes.Status202Accepted);
    }

    public static async Task<IResult> GetAsync(HttpContext http, string id, ReportQueries reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var ledgerId) || ledgerId <= 0)
        {
            return ApiEndpoints.Problem(StatusCodes.Status400BadRequest, "Bad Request", "id", "the message id must be a positive whole number");
        }

        return await reports.MessageAsync(ApiEndpoints.Caller(http).PortalId, ledgerId, cancellationToken) is { } message
            ? Results.Text(ReportJson.MessageStatus(message).ToJsonString(), "application/json", Encoding.UTF8)
            : ApiEndpoints.Problem(StatusCodes.Status404NotFound, "Not Found", "id", "no message with this id in this portal");
    }

    // The header's hash names the send (the header itself is the caller's text); after the window the key starts a new generation.
    private static async Task<string> IdempotentSendKeyAsync(ApiCaller caller, string idempotencyKey, QueuedLetterStore letters, TimeProvider time, CancellationToken cancellationToken)
    {
        var baseKey = $"api:{caller.KeyId}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32]}";
        if (await letters.LatestGenerationAsync(baseKey, cancellationToken) is not { } latest)
        {
            return baseKey;
        }

        if (latest.CreatedAt > time.GetUtcNow() - IdempotencyWindow)
        {
            return latest.SendKey;
        }

        var hash = latest.SendKey.LastIndexOf('#');
        var generation = hash < 0 ? 1 : int.Parse(latest.SendKey.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture);
        return $"{baseKey}#{(generation + 1).ToString(CultureInfo.InvariantCulture)}";
    }

    private static string FieldOf(string refusal, ApiMessageRequest request) => refusal switch
    {
        QueuedLetterRefusals.Conflict or QueuedLetterRefusals.SendKeyTaken => IdempotencyHeader,
        QueuedLetterRefusals.UnknownTemplate => request.TemplateVersion is null ? "template" : "template_version",
        QueuedLetterRefusals.InvalidTemplate => "template",
        QueuedLetterRefusals.UnknownDeal => "deal_id",
        QueuedLetterRefusals.Suppressed or QueuedLetterRefusals.InvalidAddress when request.Address is not null => "address",
        _ => request.ContactId is not null ? "contact_id" : "address",
    };
}
