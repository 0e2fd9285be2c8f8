namespace Connector.Bounces;

/// <summary>
/// One bounce mailbox (<c>Bounces:Imap:*</c> or <c>Bounces:Pop3:*</c>): <c>Host</c>, <c>Port</c> (default by protocol and
/// security), <c>Security</c>, <c>User</c>, <c>Password</c> (a secret: never logged, left out of <see cref="ToString"/>);
/// IMAP only: <c>Folder</c> (default INBOX), <c>ProcessedFolder</c> (processed messages are moved there; unset: flagged
/// \Deleted and expunged) and <c>FailedFolder</c> (malformed messages, default <c>failed</c>, created when missing).
/// </summary>
public sealed record BounceMailboxOptions
{
    public string? Host { get; init; }

    public int? Port { get; init; }

    public MailboxSecurity Security { get; init; } = MailboxSecurity.Auto;

    public string? User { get; init; }

    public string? Password { get; init; }

    public string Folder { get; init; } = "INBOX";

    public string? ProcessedFolder { get; init; }

    public string FailedFolder { get; init; } = "failed";

    public bool Configured => !string.IsNullOrWhiteSpace(Host);

    public override string ToString() => $"{Security} {Host}:{Port}" + (User is null ? string.Empty : $" as {User}");
}
