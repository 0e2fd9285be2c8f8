using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace Connector.Sending.Smtp;

/// <summary>
/// MailKit's client asking for delivery status notifications (RFC 3461) when the server advertises DSN:
/// <c>MAIL FROM:&lt;…&gt; RET=HDRS ENVID=&lt;send id&gt;</c> and <c>RCPT TO:&lt;…&gt; NOTIFY=FAILURE,DELAY</c>, so a bounce
/// carries the headers only and names the send. Without DSN, MailKit sends no parameters. One sender at a time.
/// It also knows whether the current message's body was written up to its final dot (<see cref="DataEnded"/>).
/// </summary>
public sealed class DsnSmtpClient : SmtpClient
{
    private readonly DataPhaseLogger _phase;

    public DsnSmtpClient(IProtocolLogger? logger)
        : this(new DataPhaseLogger(logger))
    {
    }

    private DsnSmtpClient(DataPhaseLogger phase)
        : base(phase)
    {
        _phase = phase;
        DeliveryStatusNotificationType = MailKit.Net.Smtp.DeliveryStatusNotificationType.HeadersOnly;
    }

    /// <summary>The current message's final <c>CRLF.CRLF</c> reached the socket: a failure now leaves its outcome unknown.</summary>
    public bool DataEnded => _phase.Phase == DataPhaseLogger.Stage.Ended;

    /// <summary>The DATA command of the current message was written (a failure before it leaves nothing at the server).</summary>
    public bool DataStarted => _phase.Phase != DataPhaseLogger.Stage.Commands;

    /// <summary>Starts watching a new message on this connection.</summary>
    public void BeginMessage(string? envelopeId, long? size)
    {
        _phase.Reset();
        EnvelopeId = envelopeId;
        MessageSize = size;
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
