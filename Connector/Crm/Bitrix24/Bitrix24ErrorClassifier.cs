namespace Connector.Crm.Bitrix24;

/// <summary>
/// Maps a Bitrix24 error code (first) and HTTP status (second) to a <see cref="Bitrix24ErrorKind"/>.
/// Codes from _includes/system-errors.md, oauth/error-codes.md and the official SDKs; 503 alone says nothing,
/// it may be QUERY_LIMIT_EXCEEDED or OVERLOAD_LIMIT.
/// </summary>
public static class Bitrix24ErrorClassifier
{
    private static readonly HashSet<string> AuthCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        Bitrix24Error.NoAuthFound, Bitrix24Error.ExpiredToken, Bitrix24Error.InvalidToken, "INVALID_CREDENTIALS",
        "authorization_error", "APPLICATION_NOT_FOUND", "ERROR_OAUTH", "wrong_client", "invalid_client", "invalid_grant",
        "PAYMENT_REQUIRED", "METHOD_CONFIRM_WAITING",
    };

    private static readonly HashSet<string> ForbiddenCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "ACCESS_DENIED", "insufficient_scope", "invalid_scope", "WRONG_AUTH_TYPE", "user_access_error",
    };

    private static readonly HashSet<string> ServerCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        Bitrix24Error.OverloadLimit, "INTERNAL_SERVER_ERROR", "ERROR_UNEXPECTED_ANSWER", "PORTAL_DELETED",
    };

    public static Bitrix24ErrorKind Classify(string code, int? httpStatus)
    {
        if (string.Equals(code, Bitrix24Error.QueryLimitExceeded, StringComparison.OrdinalIgnoreCase))
        {
            return Bitrix24ErrorKind.RateLimited;
        }

        if (string.Equals(code, Bitrix24Error.OperationTimeLimit, StringComparison.OrdinalIgnoreCase))
        {
            return Bitrix24ErrorKind.OperatingLimit;
        }

        if (AuthCodes.Contains(code))
        {
            return Bitrix24ErrorKind.Auth;
        }

        if (ForbiddenCodes.Contains(code))
        {
            return Bitrix24ErrorKind.Forbidden;
        }

        if (ServerCodes.Contains(code))
        {
            return Bitrix24ErrorKind.Server;
        }

        return httpStatus switch
        {
            401 => Bitrix24ErrorKind.Auth,
            403 => Bitrix24ErrorKind.Forbidden,
            429 => Bitrix24ErrorKind.OperatingLimit,
            >= 500 => Bitrix24ErrorKind.Server,
            _ => Bitrix24ErrorKind.Method,
        };
    }
}
