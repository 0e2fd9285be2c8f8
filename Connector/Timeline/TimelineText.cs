using System.Globalization;

namespace Connector.Timeline;

/// <summary>
/// The title and text of a timeline entry in the portal's language (ru, else en): what happened, the campaign or
/// scenario name, the link for a click, and the message number — which also lets a retry find its own entry.
/// Plain text; the CRM adapter escapes it for its wire.
/// </summary>
public static class TimelineText
{
    public static (string Title, string Text) For(TimelineEntry entry, string language)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var ru = language.StartsWith("ru", StringComparison.OrdinalIgnoreCase);
        var title = ru ? RussianTitle(entry.Kind) : EnglishTitle(entry.Kind);
        var number = entry.LedgerId.ToString(CultureInfo.InvariantCulture);
        var text = ru ? $"Рассылка «{entry.Name}», письмо №{number}." : $"Mailing \"{entry.Name}\", message #{number}.";
        if (entry.Kind == TimelineKind.Clicked && entry.Url is { Length: > 0 } url)
        {
            text += ru ? $" Ссылка: {url}" : $" Link: {url}";
        }

        return (title, text);
    }

    private static string RussianTitle(TimelineKind kind) => kind switch
    {
        TimelineKind.Sent => "Письмо отправлено",
        TimelineKind.Opened => "Письмо открыто",
        TimelineKind.Clicked => "Переход по ссылке в письме",
        TimelineKind.Unsubscribed => "Отписка от рассылок",
        TimelineKind.BounceHard => "Письмо не доставлено (адрес не существует)",
        TimelineKind.BounceSoft => "Письмо временно не доставлено",
        TimelineKind.BouncePolicy => "Письмо отклонено политикой сервера получателя",
        TimelineKind.Complaint => "Жалоба на спам",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string EnglishTitle(TimelineKind kind) => kind switch
    {
        TimelineKind.Sent => "E-mail sent",
        TimelineKind.Opened => "E-mail opened",
        TimelineKind.Clicked => "Link clicked in an e-mail",
        TimelineKind.Unsubscribed => "Unsubscribed from mailings",
        TimelineKind.BounceHard => "E-mail bounced (address does not exist)",
        TimelineKind.BounceSoft => "E-mail temporarily undeliverable",
        TimelineKind.BouncePolicy => "E-mail blocked by the recipient's server policy",
        TimelineKind.Complaint => "Marked as spam",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
