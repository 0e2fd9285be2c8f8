using MailKit.Security;

namespace Connector.Bounces;

/// <summary>How a <see cref="MailboxSecurity"/> maps to MailKit's socket options and the protocol's default ports.</summary>
internal static class MailboxConnect
{
    public static SecureSocketOptions Socket(MailboxSecurity security) => security switch
    {
        MailboxSecurity.None => SecureSocketOptions.None,
        MailboxSecurity.StartTls => SecureSocketOptions.StartTls,
        MailboxSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    public static int Port(BounceMailboxOptions options, int plain, int tls) =>
        options.Port ?? (options.Security == MailboxSecurity.SslOnConnect ? tls : plain);
}
