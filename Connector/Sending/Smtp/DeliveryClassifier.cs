using System.Text.RegularExpressions;

namespace Connector.Sending.Smtp;

/// <summary>
/// Maps an SMTP reply to a <see cref="DeliveryStatus"/> by reply code and RFC 3463 enhanced status code (parsed from the
/// text: MailKit has no property for it). Policy (x.7.x) wins over everything; without an enhanced code, a 550/551/553
/// to RCPT counts as a bad mailbox.
/// </summary>
public static partial class DeliveryClassifier
{
    public static DeliveryResult Classify(int replyCode, string text, bool atRecipient)
    {
        var enhanced = EnhancedCode().Match(text ?? string.Empty) is { Success: true } m ? m.Value : null;
        var detail = $"{replyCode} {text}".Trim();
        var status = (replyCode / 100, enhanced) switch
        {
            (2, _) => DeliveryStatus.Accepted,
            (4 or 5, { } e) when e[2..].StartsWith("7.", StringComparison.Ordinal) => DeliveryStatus.PolicyBlock,
            (4, _) => DeliveryStatus.Deferred,
            (5, { } e) when e.StartsWith("5.1.", StringComparison.Ordinal) || e == "5.2.1" => DeliveryStatus.HardReject,
            (5, null) when atRecipient && replyCode is 550 or 551 or 553 => DeliveryStatus.HardReject,
            (5, _) => DeliveryStatus.Rejected,
            _ => DeliveryStatus.Rejected,
        };
        return new DeliveryResult(status, replyCode, enhanced, detail);
    }

    [GeneratedRegex(@"\b[245]\.\d{1,3}\.\d{1,3}\b", RegexOptions.CultureInvariant)]
    private static partial Regex EnhancedCode();
}
