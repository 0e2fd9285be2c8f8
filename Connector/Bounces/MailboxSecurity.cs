namespace Connector.Bounces;

/// <summary><c>Bounces:Imap:Security</c> / <c>Bounces:Pop3:Security</c>: plain, STARTTLS required, TLS from the first byte, or whatever the server offers.</summary>
public enum MailboxSecurity
{
    None,
    StartTls,
    SslOnConnect,
    Auto,
}
