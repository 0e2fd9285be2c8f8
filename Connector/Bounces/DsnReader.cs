using MimeKit;

namespace Connector.Bounces;

/// <summary>
/// Reads an RFC 3464 DSN (<c>multipart/report; report-type=delivery-status</c>, MimeKit's <see cref="MessageDeliveryStatus"/>):
/// one notice per recipient block whose Status classifies (<see cref="BounceClassifier"/>), matched by VERP token
/// (envelope headers, Postfix's X-Postfix-Sender) and then by Original-Envelope-Id.
/// </summary>
public sealed class DsnReader(BounceMatcher matcher)
{
    public async Task<BounceReading> ReadAsync(MimeMessage message, MultipartReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(report);
        if (ReportParts.Walk(report).OfType<MessageDeliveryStatus>().FirstOrDefault() is not { } status)
        {
            return BounceReading.Malformed("a delivery-status report without a message/delivery-status part");
        }

        List<HeaderList> groups;
        try
        {
            groups = [.. status.StatusGroups];
        }
        catch (Exception ex) when (ex is ParseException or FormatException)
        {
            return BounceReading.Malformed("the message/delivery-status part cannot be parsed");
        }

        if (groups.Count < 2)
        {
            return BounceReading.Malformed("the delivery-status part has no per-recipient fields");
        }

        var perMessage = groups[0];
        var texts = ReportParts.EnvelopeRecipients(message).Append(perMessage["X-Postfix-Sender"])
            .Concat(ReportParts.OriginalHeaders(report)?.Where(h => h.Id is HeaderId.ReturnPath or HeaderId.ListUnsubscribe).Select(h => h.Value) ?? []);
        var (row, unknown) = await matcher.ByTokensAsync(texts, cancellationToken);
        var notices = new List<BounceNotice>();
        var delivered = 0;
        foreach (var group in groups.Skip(1))
        {
            var recipient = ReportParts.Address(group["Final-Recipient"]) ?? ReportParts.Address(group["Original-Recipient"]);
            var diagnostic = ReportParts.Detail(group["Diagnostic-Code"]);
            var code = BounceClassifier.EffectiveStatus(group["Status"], diagnostic);
            if (recipient is null || code is null)
            {
                continue;
            }

            if (BounceClassifier.Classify(code) is not { } kind)
            {
                delivered++;
                continue;
            }

            var matched = row ?? await matcher.ByEnvelopeIdAsync(perMessage["Original-Envelope-Id"], recipient, cancellationToken);
            notices.Add(new BounceNotice(kind, matched?.Recipient ?? recipient, code, diagnostic, matched?.Id));
        }

        return notices.Count > 0 ? BounceReading.Of(notices, unknown)
            : delivered > 0 ? BounceReading.NotABounce(unknown)
            : BounceReading.Malformed("no recipient block with a Final-Recipient and a valid Status", unknown);
    }
}
