namespace Connector.Bounces;

/// <summary>One message in a bounce mailbox: its position in this session and the mailbox's own stable id (IMAP UIDVALIDITY:UID, POP3 UIDL; null when the server has none).</summary>
public sealed record BounceMailboxItem(int Index, string? MailboxId);
