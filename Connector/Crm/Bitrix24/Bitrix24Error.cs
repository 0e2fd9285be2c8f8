namespace Connector.Crm.Bitrix24;

/// <summary>
/// A failure as a value. <see cref="Code"/> is Bitrix24's error code (may be empty, e.g. "Access denied."),
/// or one of ours for failures that never got a Bitrix24 answer. Branch on <see cref="Kind"/>, not on text.
/// </summary>
public sealed record Bitrix24Error(Bitrix24ErrorKind Kind, string Code, string Description, int? HttpStatus = null)
{
    public const string QueryLimitExceeded = "QUERY_LIMIT_EXCEEDED";
    public const string OperationTimeLimit = "OPERATION_TIME_LIMIT";
    public const string OverloadLimit = "OVERLOAD_LIMIT";
    public const string ExpiredToken = "expired_token";
    public const string InvalidToken = "invalid_token";
    public const string NoAuthFound = "NO_AUTH_FOUND";

    /// <summary>One line for logs and the CLI; never contains a token or the webhook URL.</summary>
    public override string ToString() =>
        $"{Kind}: {(Code.Length == 0 ? "(no code)" : Code)}{(Description.Length == 0 ? "" : " — " + Description)}{(HttpStatus is { } s ? $" (HTTP {s})" : "")}";
}
