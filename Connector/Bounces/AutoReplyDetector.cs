using MimeKit;

namespace Connector.Bounces;

/// <summary>
/// Automatic replies that reach the bounce address (deliverability.md §2.5): RFC 3834 <c>Auto-Submitted</c> other than
/// <c>no</c>, <c>X-Autoreply</c>, <c>X-Autorespond</c>, <c>X-Auto-Response-Suppress</c>, <c>Precedence: auto_reply</c>,
/// and (weak hints, only because reports were ruled out first) out-of-office subjects. Checked after the report kinds:
/// Postfix's own DSN carries <c>Auto-Submitted: auto-replied</c>.
/// </summary>
public static class AutoReplyDetector
{
    private static readonly string[] Subjects = ["Auto:", "Automatic reply", "Auto-Reply", "Autoreply", "Out of Office", "Out of the office", "Автоответ", "Абонент временно недоступен"];

    public static bool IsAutoReply(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var headers = message.Headers;
        var submitted = headers["Auto-Submitted"]?.Split(';', '(')[0].Trim();
        return (submitted is { Length: > 0 } && !submitted.Equals("no", StringComparison.OrdinalIgnoreCase))
            || headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond") || headers.Contains("X-Auto-Response-Suppress")
            || string.Equals(headers["Precedence"]?.Trim(), "auto_reply", StringComparison.OrdinalIgnoreCase)
            || Subjects.Any(s => (message.Subject ?? string.Empty).TrimStart().StartsWith(s, StringComparison.OrdinalIgnoreCase));
    }
}
