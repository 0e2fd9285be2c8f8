namespace Connector.Crm.Bitrix24;

public enum Bitrix24ErrorKind
{
    /// <summary>Never reached the portal or no answer: DNS, refused connection, TLS, timeout.</summary>
    Unreachable,

    /// <summary>Credentials rejected: NO_AUTH_FOUND, expired_token, invalid_token, INVALID_CREDENTIALS, 401s.</summary>
    Auth,

    /// <summary>ACCESS_DENIED, insufficient_scope, WRONG_AUTH_TYPE, user_access_error, 403s.</summary>
    Forbidden,

    /// <summary>503 QUERY_LIMIT_EXCEEDED still failing after the retries.</summary>
    RateLimited,

    /// <summary>429 OPERATION_TIME_LIMIT: the method is blocked until its operating budget resets.</summary>
    OperatingLimit,

    /// <summary>The portal answered something that is not Bitrix24 JSON (HTML, garbage, wrong shape).</summary>
    InvalidResponse,

    /// <summary>5xx, OVERLOAD_LIMIT, INTERNAL_SERVER_ERROR, PORTAL_DELETED.</summary>
    Server,

    /// <summary>Any other error the method reported (bad argument, not found, ...).</summary>
    Method,
}
