using MailKit.Net.Pop3;
using MimeKit;

namespace Connector.Bounces;

/// <summary>
/// The bounce mailbox over POP3 (MailKit): every message listed with its UIDL; a completed message is marked deleted
/// (DELE), which the server commits at QUIT (<see cref="CloseAsync"/>) — a session that breaks first deletes nothing,
/// and the next fetch finds the messages again (recorded once: <c>bounce_events</c> dedupes). POP3 has no folders: a
/// message that cannot be read is kept on the server, listed in <c>bounce_kept_messages</c> and skipped by later fetches.
/// </summary>
public sealed class Pop3BounceMailbox(BounceMailboxOptions options) : IBounceMailbox
{
    private readonly Pop3Client _client = new() { Timeout = 60_000 };

    public string Source => "pop3";

    public bool KeepsRejected => true;

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await _client.ConnectAsync(options.Host ?? string.Empty, MailboxConnect.Port(options, 110, 995), MailboxConnect.Socket(options.Security), cancellationToken);
        await _client.AuthenticateAsync(options.User ?? string.Empty, options.Password ?? string.Empty, cancellationToken);
    }

    public async Task<IReadOnlyList<BounceMailboxItem>> ListAsync(CancellationToken cancellationToken)
    {
        var count = await _client.GetMessageCountAsync(cancellationToken);
        var uids = _client.Capabilities.HasFlag(Pop3Capabilities.UIDL) ? await _client.GetMessageUidsAsync(cancellationToken) : null;
        return Enumerable.Range(0, count).Select(i => new BounceMailboxItem(i, uids?[i])).ToList();
    }

    public Task<MimeMessage> ReadAsync(BounceMailboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _client.GetMessageAsync(item.Index, cancellationToken);
    }

    public Task CompleteAsync(BounceMailboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _client.DeleteMessageAsync(item.Index, cancellationToken);
    }

    public Task RejectAsync(BounceMailboxItem item, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CloseAsync(CancellationToken cancellationToken) => _client.DisconnectAsync(true, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
