using System.Net;

namespace Connector.Tracking.Hits;

/// <summary>
/// Classifies the fetcher of a tracking URL by user agent and address. Proxies and scanners are machine hits (flagged,
/// never dropped): Apple Mail Privacy Protection (Apple's 17.0.0.0/8, or the bare <c>Mozilla/5.0</c> agent it sends),
/// Gmail's <c>GoogleImageProxy</c>, Yahoo's image proxy, Microsoft's Exchange Online Protection ranges (Outlook Safe
/// Links), security gateways and scripts by their agent, and hits without any agent. The address is the peer's (put the
/// host's forwarded-headers handling in front when serving behind a proxy). Pure; the agent text is never stored.
/// </summary>
public static class AgentClassifier
{
    private static readonly IPNetwork[] Apple = [IPNetwork.Parse("17.0.0.0/8")];

    // Exchange Online Protection, where Safe Links fetches from (Microsoft 365 "URLs and IP address ranges", Exchange Online).
    private static readonly IPNetwork[] Microsoft =
    [
        IPNetwork.Parse("40.92.0.0/15"), IPNetwork.Parse("40.107.0.0/16"), IPNetwork.Parse("52.100.0.0/15"),
        IPNetwork.Parse("52.102.0.0/16"), IPNetwork.Parse("52.103.0.0/17"), IPNetwork.Parse("104.47.0.0/17"),
    ];

    private static readonly string[] Scanners =
    [
        "bot", "crawler", "spider", "scanner", "preview", "proofpoint", "urldefense", "mimecast", "barracuda", "symantec", "messagelabs",
        "forcepoint", "trendmicro", "trend micro", "sophos", "fireeye", "ironport", "cisco", "zscaler", "safelinks", "checkpoint",
        "python-requests", "python-urllib", "aiohttp", "curl/", "wget/", "go-http-client", "java/", "okhttp", "libwww-perl", "headlesschrome",
        "phantomjs", "httpclient", "axios/", "node-fetch",
    ];

    private static readonly string[] MailClients = ["thunderbird", "outlook", "microsoft office", "ms-office", "msoffice", "airmail", "spark/", "yandex.mail", "mail.ru"];

    private static readonly string[] Browsers = ["chrome/", "firefox/", "safari/", "edg/", "opr/", "yabrowser/", "samsungbrowser/"];

    public static AgentVerdict Classify(string? userAgent, IPAddress? address)
    {
        var ip = address is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : address;
        var agent = userAgent?.Trim() ?? "";
        if (agent.Contains("GoogleImageProxy", StringComparison.OrdinalIgnoreCase))
        {
            return new(AgentClass.GmailProxy, "image_proxy");
        }

        if (agent.Contains("YahooMailProxy", StringComparison.OrdinalIgnoreCase))
        {
            return new(AgentClass.ImageProxy, "image_proxy");
        }

        if ((ip is not null && Apple.Any(n => n.Contains(ip))) || agent == "Mozilla/5.0")
        {
            return new(AgentClass.AppleMpp, "privacy_proxy");
        }

        if (ip is not null && Microsoft.Any(n => n.Contains(ip)))
        {
            return new(AgentClass.Scanner, "link_scanner");
        }

        if (agent.Length == 0)
        {
            return new(AgentClass.Unknown, "no_user_agent");
        }

        var lower = agent.ToLowerInvariant();
        if (Scanners.Any(s => lower.Contains(s, StringComparison.Ordinal)))
        {
            return new(AgentClass.Scanner, "scanner_agent");
        }

        if (MailClients.Any(s => lower.Contains(s, StringComparison.Ordinal)))
        {
            return new(AgentClass.MailClient, null);
        }

        if (Browsers.Any(s => lower.Contains(s, StringComparison.Ordinal)))
        {
            return new(AgentClass.Browser, null);
        }

        // Apple Mail and iOS Mail: WebKit without a browser's token.
        return lower.Contains("applewebkit", StringComparison.Ordinal) ? new(AgentClass.MailClient, null) : new(AgentClass.Unknown, null);
    }
}
