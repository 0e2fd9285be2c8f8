using MimeKit;

namespace Connector.Sending.Composing;

/// <summary>A prepared, DKIM-signed message with its envelope: VERP sender and one recipient.</summary>
public sealed record ComposedMessage(MimeMessage Message, MailboxAddress EnvelopeFrom, MailboxAddress Recipient);
