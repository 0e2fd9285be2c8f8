namespace Connector.Crm.Bitrix24.Install;

/// <summary>
/// <c>App:PublicUrl</c>: the connector's public base URL; event and placement handler URLs are built on it, never on
/// a request's Host header. Required in app mode (<c>Bitrix24:ClientId</c> set).
/// </summary>
public sealed record AppOptions
{
    public const string Section = "App";
    public const string PublicUrlKey = "App:PublicUrl";

    public Uri? PublicUrl { get; init; }

    /// <summary><c>App:InstallRateLimit:PermitLimit</c> / <c>:Window</c>: install attempts per client address and window.</summary>
    public InstallRateLimitOptions InstallRateLimit { get; init; } = new();

    public const int DefaultRobotAnswerIntervalSeconds = 5;

    /// <summary><c>App:RobotAnswerIntervalSeconds</c>: how often the robot's results are looked for and answered (bizproc.event.send).</summary>
    public int RobotAnswerIntervalSeconds { get; init; } = DefaultRobotAnswerIntervalSeconds;

    /// <summary>The base to bind handlers on (with a trailing slash), or null when none is configured.</summary>
    public static Uri? PublicBase(AppOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PublicUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        return url.AbsolutePath.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }
}
