using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MimeKit;

namespace Connector.Bounces;

/// <summary>
/// The bounce mailbox over IMAP (MailKit): <c>Bounces:Imap:Folder</c> opened read-write, messages not flagged \Deleted
/// listed by UID; a completed message is moved to <c>ProcessedFolder</c> when one is set (MOVE, or COPY + \Deleted +
/// EXPUNGE where the server lacks MOVE), else flagged \Deleted and expunged; a rejected one is moved to
/// <c>FailedFolder</c> (created when missing).
/// </summary>
public sealed class ImapBounceMailbox(BounceMailboxOptions options) : IBounceMailbox
{
    private readonly ImapClient _client = new() { Timeout = 60_000 };
    private IMailFolder? _folder;
    private IList<UniqueId> _uids = [];
    private bool _expungeAtClose;

    public string Source => "imap";

    public bool KeepsRejected => false;

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await _client.ConnectAsync(options.Host ?? string.Empty, MailboxConnect.Port(options, 143, 993), MailboxConnect.Socket(options.Security), cancellationToken);
        await _client.AuthenticateAsync(options.User ?? string.Empty, options.Password ?? string.Empty, cancellationToken);
        _folder = options.Folder.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? _client.Inbox : await _client.GetFolderAsync(options.Folder, cancellationToken);
        await _folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
    }

    public async Task<IReadOnlyList<BounceMailboxItem>> ListAsync(CancellationToken cancellationToken)
    {
        _uids = await Folder.SearchAsync(SearchQuery.NotDeleted, cancellationToken);
        var validity = Folder.UidValidity.ToString(CultureInfo.InvariantCulture);
        return _uids.Select((uid, i) => new BounceMailboxItem(i, $"{validity}:{uid.Id}")).ToList();
    }

    public Task<MimeMessage> ReadAsync(BounceMailboxItem item, CancellationToken cancellationToken) =>
        Folder.GetMessageAsync(Uid(item), cancellationToken);

    public async Task CompleteAsync(BounceMailboxItem item, CancellationToken cancellationToken)
    {
        if (options.ProcessedFolder is { Length: > 0 } processed)
        {
            await Folder.MoveToAsync(Uid(item), await EnsureFolderAsync(processed, cancellationToken), cancellationToken);
            return;
        }

        await Folder.StoreAsync(Uid(item), new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true }, cancellationToken);
        if (_client.Capabilities.HasFlag(ImapCapabilities.UidPlus))
        {
            await Folder.ExpungeAsync([Uid(item)], cancellationToken);
        }
        else
        {
            _expungeAtClose = true;
        }
    }

    public async Task RejectAsync(BounceMailboxItem item, CancellationToken cancellationToken) =>
        await Folder.MoveToAsync(Uid(item), await EnsureFolderAsync(options.FailedFolder, cancellationToken), cancellationToken);

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_expungeAtClose)
        {
            await Folder.ExpungeAsync(cancellationToken);
        }

        await _client.DisconnectAsync(true, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private IMailFolder Folder => _folder ?? throw new InvalidOperationException("the IMAP mailbox is not open");

    private UniqueId Uid(BounceMailboxItem item) => _uids[item.Index];

    private async Task<IMailFolder> EnsureFolderAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.GetFolderAsync(name, cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            var root = _client.GetFolder(_client.PersonalNamespaces[0]);
            return await root.CreateAsync(name, true, cancellationToken) ?? throw new FolderNotFoundException(name);
        }
    }
}
