using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Connector.Web.UiSession;

/// <summary>
/// The page answered to a verified placement POST: the built Vue app's <c>index.html</c> with a server-made context
/// injected as <c>&lt;script type="application/json" id="crmesp-context"&gt;</c> — the session token, the viewer, the
/// placement, the record and the page's first data — serialised with every <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>
/// escaped, so CRM values can never close the script. The answer allows framing by the portal only
/// (<c>frame-ancestors</c>) and is never cached (it carries a token).
/// </summary>
public static class UiPage
{
    public const string ContextElementId = "crmesp-context";
    private const string HtmlType = "text/html; charset=utf-8";
    // Cyrillic stays readable; <, >, &, ' and " are always escaped (\u003C…), so no value can close the script.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>Where the built app lives (copied next to the binary by the build; absent with -p:SkipClientApp=true).</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "ui");

    public static IResult Render(HttpResponse response, UiCaller caller, string token, Uri portalOrigin, JsonObject? initial)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(portalOrigin);
        var context = new JsonObject
        {
            ["token"] = token,
            ["expiresAt"] = caller.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["placement"] = UiPlacements.Name(caller.Placement),
            ["entityId"] = caller.EntityId,
            ["language"] = caller.Language,
            ["userId"] = caller.UserId,
            ["isAdmin"] = caller.IsAdmin,
            ["portalOrigin"] = portalOrigin.GetLeftPart(UriPartial.Authority),
            ["initial"] = initial,
        };
        var script = $"<script type=\"application/json\" id=\"{ContextElementId}\">{context.ToJsonString(Json)}</script>";
        Secure(response, portalOrigin);
        return Results.Content(Compose(Shell(), script, caller.Language), HtmlType);
    }

    /// <summary>A refusal as a small page in the viewer's language (never a stack trace, never a 500).</summary>
    public static IResult Refusal(HttpResponse response, int status, string language, string english, string russian)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.CacheControl = "no-store";
        var text = WebUtility.HtmlEncode(UiLanguages.IsRussian(language) ? russian : english);
        return Results.Content(
            $"<!DOCTYPE html><html lang=\"{(UiLanguages.IsRussian(language) ? "ru" : "en")}\"><head><meta charset=\"utf-8\"><title>CrmEspBridge</title></head><body><p>{text}</p></body></html>",
            HtmlType, statusCode: status);
    }

    private static void Secure(HttpResponse response, Uri portalOrigin)
    {
        var origin = portalOrigin.GetLeftPart(UriPartial.Authority);
        response.Headers.ContentSecurityPolicy = $"frame-ancestors 'self' {origin}; object-src 'none'; base-uri 'self'";
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Content-Type-Options"] = "nosniff";
    }

    private static string Compose(string shell, string script, string language)
    {
        var html = shell.Replace("<html lang=\"en\">", $"<html lang=\"{(UiLanguages.IsRussian(language) ? "ru" : "en")}\">", StringComparison.Ordinal);
        var head = html.IndexOf("</head>", StringComparison.OrdinalIgnoreCase);
        return head < 0 ? script + html : html.Insert(head, script);
    }

    private static string? _shell;

    private static string Shell()
    {
        if (_shell is { } cached)
        {
            return cached;
        }

        var path = Path.Combine(Folder, "index.html");
        var shell = File.Exists(path)
            ? File.ReadAllText(path)
            : "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>CrmEspBridge</title></head><body><p>The pages were not built (built with -p:SkipClientApp=true?).</p></body></html>";
        return _shell = shell;
    }
}
