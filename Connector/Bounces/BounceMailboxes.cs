using Microsoft.Extensions.Options;

namespace Connector.Bounces;

/// <summary>The configured bounce mailboxes, a new session each (IMAP first, then POP3); none when neither host is set.</summary>
public sealed class BounceMailboxes(IOptions<BounceIntakeOptions> options)
{
    public bool Any => options.Value.Imap.Configured || options.Value.Pop3.Configured;

    public IEnumerable<IBounceMailbox> Open()
    {
        if (options.Value.Imap.Configured)
        {
            yield return new ImapBounceMailbox(options.Value.Imap);
        }

        if (options.Value.Pop3.Configured)
        {
            yield return new Pop3BounceMailbox(options.Value.Pop3);
        }
    }
}
