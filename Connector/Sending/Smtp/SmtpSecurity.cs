namespace Connector.Sending.Smtp;

/// <summary><c>Smtp:Security</c>: plain, STARTTLS required, or TLS from the first byte (SMTPS, port 465).</summary>
public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}
