using System.Net;
using System.Text.RegularExpressions;

namespace Connector.Crm.Bitrix24.Portals;

/// <summary>Validates an incoming-webhook URL and turns it into a portal; errors name the key, never the secret.</summary>
public static partial class WebhookUrl
{
    public const string Key = "Bitrix24:WebhookUrl";

    public static string? Problem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return $"{Key}: not an absolute http(s) URL; expected https://portal.bitrix24.ru/rest/1/abc123/";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            return $"{Key}: plain http is accepted for loopback addresses only; use https://{uri.Host}/...";
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return $"{Key}: must not have a query string or fragment";
        }

        return WebhookPath().IsMatch(uri.AbsolutePath)
            ? null
            : $"{Key}: path must be /rest/USER_ID/CODE/ (like https://portal.bitrix24.ru/rest/1/abc123/)";
    }

    public static Bitrix24Portal ToPortal(string value)
    {
        var uri = new Uri(value.Trim());
        var builder = new UriBuilder(uri);
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        var user = WebhookPath().Match(builder.Path).Groups["user"].Value;
        var key = uri.IsDefaultPort ? $"{uri.Host}#{user}" : $"{uri.Host}:{uri.Port}#{user}";
        return new Bitrix24Portal(key, builder.Uri, Bitrix24AuthMode.Webhook);
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    [GeneratedRegex(@"(^|/)rest/(?<user>\d+)/[A-Za-z0-9_\-]+/?$")]
    private static partial Regex WebhookPath();
}
