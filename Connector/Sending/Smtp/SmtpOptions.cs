using System.Net.Security;
using Microsoft.Extensions.Configuration;

namespace Connector.Sending.Smtp;

/// <summary>
/// One SMTP relay: <c>Smtp:Host</c>, <c>Smtp:Port</c>, <c>Smtp:Security</c>, <c>Smtp:User</c>, <c>Smtp:Password</c>
/// (a secret: never logged, left out of <see cref="ToString"/>), <c>Smtp:MaxConnections</c>, <c>Smtp:LocalDomain</c> (HELO).
/// </summary>
public sealed record SmtpOptions
{
    public required string Host { get; init; }

    public int Port { get; init; } = 25;

    public SmtpSecurity Security { get; init; } = SmtpSecurity.StartTls;

    public string? User { get; init; }

    public string? Password { get; init; }

    public int MaxConnections { get; init; } = 4;

    public string? LocalDomain { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Tests pin their self-signed certificate here; production leaves the system's validation in place.</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    public static SmtpOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Smtp");
        var security = Enum.TryParse<SmtpSecurity>(section["Security"] ?? nameof(SmtpSecurity.StartTls), ignoreCase: true, out var s)
            ? s
            : throw new InvalidOperationException("Smtp:Security must be None, StartTls or SslOnConnect");
        return new SmtpOptions
        {
            Host = section["Host"] is { Length: > 0 } host ? host : throw new InvalidOperationException("Smtp:Host is required for sending"),
            Port = int.TryParse(section["Port"], out var port) ? port : security == SmtpSecurity.SslOnConnect ? 465 : 25,
            Security = security,
            User = section["User"] is { Length: > 0 } user ? user : null,
            Password = section["Password"],
            MaxConnections = int.TryParse(section["MaxConnections"], out var max) && max > 0 ? max : 4,
            LocalDomain = section["LocalDomain"] is { Length: > 0 } helo ? helo : null,
        };
    }

    public override string ToString() => $"{Security} {Host}:{Port}" + (User is null ? string.Empty : $" as {User}");
}
