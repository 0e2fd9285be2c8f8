using MimeKit;

namespace Connector.Bounces;

/// <summary>
/// Reads one message of the bounce mailbox: a delivery-status report (<see cref="DsnReader"/>), a feedback report
/// (<see cref="FeedbackReportReader"/>), another report (a read receipt: no bounce), an automatic reply
/// (<see cref="AutoReplyDetector"/>), or else malformed. Reports are recognised first, since DSNs carry Auto-Submitted too.
/// </summary>
public sealed class BounceMessageReader(DsnReader dsn, FeedbackReportReader feedback)
{
    public Task<BounceReading> ReadAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var report = ReportParts.Walk(message.Body).OfType<MultipartReport>().FirstOrDefault();
        return report?.ReportType?.ToLowerInvariant() switch
        {
            "delivery-status" => dsn.ReadAsync(message, report, cancellationToken),
            "feedback-report" => feedback.ReadAsync(message, report, cancellationToken),
            { } => Task.FromResult(AutoReplyDetector.IsAutoReply(message) ? BounceReading.AutoReply : BounceReading.NotABounce([])),
            null => Task.FromResult(AutoReplyDetector.IsAutoReply(message)
                ? BounceReading.AutoReply
                : BounceReading.Malformed("neither a delivery-status nor a feedback report, nor an automatic reply")),
        };
    }
}
