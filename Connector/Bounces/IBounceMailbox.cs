using MimeKit;

namespace Connector.Bounces;

/// <summary>
/// A bounce mailbox session (one connection, one user at a time). A message is completed (deleted, or moved to the
/// processed folder) only after what it says is recorded; a message that cannot be read is rejected (moved to the failed
/// folder, or kept where the protocol has no folders). <see cref="CloseAsync"/> commits (POP3 deletes at QUIT).
/// </summary>
public interface IBounceMailbox : IAsyncDisposable
{
    /// <summary><c>imap</c> or <c>pop3</c>: <c>bounce_events.source</c>.</summary>
    string Source { get; }

    /// <summary>True when a rejected message stays in the mailbox (POP3), so it is listed as kept and skipped later.</summary>
    bool KeepsRejected { get; }

    Task OpenAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<BounceMailboxItem>> ListAsync(CancellationToken cancellationToken);

    Task<MimeMessage> ReadAsync(BounceMailboxItem item, CancellationToken cancellationToken);

    Task CompleteAsync(BounceMailboxItem item, CancellationToken cancellationToken);

    Task RejectAsync(BounceMailboxItem item, CancellationToken cancellationToken);

    Task CloseAsync(CancellationToken cancellationToken);
}
