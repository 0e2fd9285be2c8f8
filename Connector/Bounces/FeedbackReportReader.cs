using MimeKit;

namespace Connector.Bounces;

/// <summary>
/// Reads an RFC 5965 ARF complaint (<c>message/feedback-report</c>, MimeKit's <see cref="MessageFeedbackReport"/>):
/// every Feedback-Type but <c>not-spam</c> is a complaint. Matched by a signed token in Original-Mail-From (the VERP
/// return path), the envelope headers or the returned original's Return-Path / List-Unsubscribe; the recipient is the
/// ledger row's, else Original-Rcpt-To or Removal-Recipient (often redacted by the reporting provider).
/// </summary>
public sealed class FeedbackReportReader(BounceMatcher matcher)
{
    public async Task<BounceReading> ReadAsync(MimeMessage message, MultipartReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(report);
        if (ReportParts.Walk(report).OfType<MessageFeedbackReport>().FirstOrDefault() is not { } feedback)
        {
            return BounceReading.Malformed("a feedback report without a message/feedback-report part");
        }

        HeaderList fields;
        try
        {
            fields = feedback.Fields;
        }
        catch (Exception ex) when (ex is ParseException or FormatException)
        {
            return BounceReading.Malformed("the message/feedback-report part cannot be parsed");
        }

        if (fields["Feedback-Type"]?.Trim() is not { Length: > 0 } type)
        {
            return BounceReading.Malformed("the feedback report has no Feedback-Type");
        }

        var texts = new[] { fields["Original-Mail-From"] }.Concat(ReportParts.EnvelopeRecipients(message))
            .Concat(ReportParts.OriginalHeaders(report)?.Where(h => h.Id is HeaderId.ReturnPath or HeaderId.ListUnsubscribe).Select(h => h.Value) ?? []);
        var (row, unknown) = await matcher.ByTokensAsync(texts, cancellationToken);
        if (type.Equals("not-spam", StringComparison.OrdinalIgnoreCase))
        {
            return BounceReading.NotABounce(unknown);
        }

        var recipient = row?.Recipient ?? ReportParts.Address(fields["Original-Rcpt-To"]) ?? ReportParts.Address(fields["Removal-Recipient"]);
        return recipient is null
            ? BounceReading.Malformed("the feedback report names no recipient and carries no token", unknown)
            : BounceReading.Of([new BounceNotice(BounceKind.Complaint, recipient, null, ReportParts.Detail($"feedback-type={type}; user-agent={fields["User-Agent"]}"), row?.Id)], unknown);
    }
}
