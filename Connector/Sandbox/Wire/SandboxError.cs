using System.Text.Json.Nodes;

namespace Connector.Sandbox.Wire;

/// <summary>
/// A Bitrix24 error answer <c>{"error":..,"error_description":..}</c> with its HTTP status
/// (_includes/system-errors.md, limits.md).
/// </summary>
public sealed record SandboxError(int Status, string Code, string Description)
{
    public static readonly SandboxError InvalidCredentials = new(401, "INVALID_CREDENTIALS", "Invalid request credentials");
    public static readonly SandboxError MethodNotFound = new(404, "ERROR_METHOD_NOT_FOUND", "Method not found!");
    public static readonly SandboxError QueryLimit = new(503, "QUERY_LIMIT_EXCEEDED", "Too many requests");
    public static readonly SandboxError OperationTimeLimit = new(429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit.");
    public static readonly SandboxError BatchLengthExceeded = new(400, "ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded");
    public static readonly SandboxError BatchMethodNotAllowed = new(405, "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage");

    // OAuth calls (_includes/system-errors.md; invalid_token from the Python SDK's BitrixAPIInvalidToken).
    public static readonly SandboxError NoAuthFound = new(401, "NO_AUTH_FOUND", "Wrong authorization data");
    public static readonly SandboxError InvalidToken = new(401, "invalid_token", "Unable to get application by token");
    public static readonly SandboxError ExpiredToken = new(401, "expired_token", "The access token provided has expired.");

    // Methods that need an app (api-reference/widgets/placement-bind.md, api-reference/events/event-bind.md; the text is
    // the one imopenlines pages document for WRONG_AUTH_TYPE).
    public static readonly SandboxError WrongAuthType = new(403, "WRONG_AUTH_TYPE", "Current authorization type is denied for this method Application context required");

    // crm.contact.get/update/delete answer an empty code with "Not found" (api-reference/crm/contacts/crm-contact-get.md).
    public static readonly SandboxError NotFound = new(400, string.Empty, "Not found");

    public static SandboxError InvalidArgument(string description) => new(400, "INVALID_ARG_VALUE", description);

    public static SandboxError BadRequest(string description) => new(400, "INVALID_REQUEST", description);

    public JsonObject ToJson() => new() { ["error"] = Code, ["error_description"] = Description };
}
