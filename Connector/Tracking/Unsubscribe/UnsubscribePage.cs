using System.Net;
using System.Text;

namespace Connector.Tracking.Unsubscribe;

/// <summary>
/// The unsubscribe pages as HTML: the confirmation form (this list or all marketing, an optional reason; it posts back to
/// its own URL), the done page and the not-valid page. Every text goes through <see cref="WebUtility.HtmlEncode"/>; no
/// request input is shown. No script, no outside resource (the endpoints send a CSP that forbids them).
/// </summary>
public static class UnsubscribePage
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static string Form(UnsubscribeTexts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var body = new StringBuilder()
            .Append("<form method=\"post\">")
            .Append("<p>").Append(E(texts.Question)).Append("</p>")
            .Append("<p><label><input type=\"radio\" name=\"scope\" value=\"list\" checked> ").Append(E(texts.ThisList)).Append("</label><br>")
            .Append("<label><input type=\"radio\" name=\"scope\" value=\"all\"> ").Append(E(texts.AllMarketing)).Append("</label></p>")
            .Append("<p><label>").Append(E(texts.Reason)).Append("<br><textarea name=\"reason\" rows=\"3\" cols=\"40\" maxlength=\"500\"></textarea></label></p>")
            .Append("<p><button type=\"submit\">").Append(E(texts.Button)).Append("</button></p></form>");
        return Page(texts, texts.Title, body.ToString());
    }

    public static string Done(UnsubscribeTexts texts, UnsubscribeScope scope)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Page(texts, texts.DoneTitle, $"<p>{E(scope == UnsubscribeScope.List ? texts.DoneList : texts.DoneAll)}</p>");
    }

    public static string Message(UnsubscribeTexts texts, string text)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Page(texts, texts.Title, $"<p>{E(text)}</p>");
    }

    private static string Page(UnsubscribeTexts texts, string title, string body) =>
        $"<!DOCTYPE html><html lang=\"{E(texts.Language)}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<meta name=\"robots\" content=\"noindex\"><title>{E(title)}</title>"
        + "<style>body{font-family:Arial,sans-serif;max-width:32em;margin:3em auto;padding:0 1em;color:#222}button{font-size:1em;padding:.5em 1.5em}</style>"
        + $"</head><body><h1>{E(title)}</h1>{body}</body></html>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
