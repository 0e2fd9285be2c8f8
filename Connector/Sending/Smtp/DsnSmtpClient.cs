using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace Connector.Sending.Smtp;

/// <summary>
/// MailKit's client asking for delivery status notifications (RFC 3461) when the server advertises DSN:
/// <c>MAIL FROM:&lt;…&gt; RET=HDRS ENVID=&lt;send id&gt;</c> and <c>RCPT TO:&lt;…&gt; NOTIFY=FAILURE,DELAY</c>, so a bounce
/// carries the headers only and names the send. Without DSN, MailKit sends no parameters. One sender at a time.
/// </summary>
public sealed class DsnSmtpClient : SmtpClient
{
    public DsnSmtpClient(IProtocolLogger? logger)
        : base(logger ?? new NullProtocolLogger())
    {
        DeliveryStatusNotificationType = MailKit.Net.Smtp.DeliveryStatusNotificationType.HeadersOnly;
    }

    /// <summary>The ENVID of the next message (xtext-encoded by MailKit); null sends none.</summary>
    public string? EnvelopeId { get; set; }

    /// <summary>The next message's size when the composer measured it; null lets MailKit measure (one more pass).</summary>
    public long? MessageSize { get; set; }

    protected override string? GetEnvelopeId(MimeMessage message) => EnvelopeId;

    protected override long GetSize(FormatOptions options, MimeMessage message, CancellationToken cancellationToken) =>
        MessageSize ?? base.GetSize(options, message, cancellationToken);

    protected override DeliveryStatusNotification? GetDeliveryStatusNotifications(MimeMessage message, MailboxAddress mailbox) =>
        DeliveryStatusNotification.Failure | DeliveryStatusNotification.Delay;
}
