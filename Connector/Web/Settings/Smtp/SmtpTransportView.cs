namespace Connector.Web.Settings.Smtp;

/// <summary>
/// A configured transport as the page shows it: where it is configured (<c>Smtp</c> or <c>Smtp:Transports:NAME</c>), its
/// relay, the user when there is one, and only whether a password is set — never the password.
/// </summary>
public sealed record SmtpTransportView(
    string Name, string ConfigKey, string Host, int Port, string Security, string? User, bool HasPassword, int MaxConnections, double MessagesPerSecond, string? LocalDomain);
