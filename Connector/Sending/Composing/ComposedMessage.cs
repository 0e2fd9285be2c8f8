using MimeKit;

namespace Connector.Sending.Composing;

/// <summary>
/// A prepared, DKIM-signed message with its envelope: VERP sender and one recipient. <see cref="Size"/> is its size on
/// the wire when signing already measured it (SMTP SIZE= then needs no extra pass over the message).
/// </summary>
public sealed record ComposedMessage(MimeMessage Message, MailboxAddress EnvelopeFrom, MailboxAddress Recipient)
{
    public long? Size { get; init; }
}
