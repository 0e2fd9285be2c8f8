using System.Globalization;
using System.Net.Security;
using MailKit;
using Microsoft.Extensions.Configuration;

namespace Connector.Sending.Smtp;

/// <summary>
/// One SMTP relay: <c>Host</c>, <c>Port</c>, <c>Security</c>, <c>User</c>, <c>Password</c> (a secret: never logged, left
/// out of <see cref="ToString"/>), <c>MaxConnections</c>, <c>MessagesPerSecond</c>, <c>LocalDomain</c> (HELO) — under
/// <c>Smtp:</c> for the default transport, under <c>Smtp:Transports:NAME:</c> for a named one.
/// </summary>
public sealed record SmtpOptions
{
    public string Name { get; init; } = "default";

    public required string Host { get; init; }

    public int Port { get; init; } = 25;

    public SmtpSecurity Security { get; init; } = SmtpSecurity.StartTls;

    public string? User { get; init; }

    public string? Password { get; init; }

    public int MaxConnections { get; init; } = 4;

    /// <summary>Messages per second through this transport, evenly spaced; 0 = unpaced.</summary>
    public double MessagesPerSecond { get; init; }

    public string? LocalDomain { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the transport refuses messages after failing to connect (<c>OutagePause</c>, e.g. <c>00:00:30</c>).</summary>
    public TimeSpan OutagePause { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Tests pin their self-signed certificate here; production leaves the system's validation in place.</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    /// <summary>Tests trace the SMTP conversation of each new connection here; production logs nothing.</summary>
    public Func<IProtocolLogger>? ProtocolLogger { get; init; }

    public static SmtpOptions From(IConfiguration configuration) => From(configuration.GetSection("Smtp"), "default", "Smtp");

    /// <summary>One transport from its section; <paramref name="path"/> names the keys in errors (<c>Smtp</c>, <c>Smtp:Transports:NAME</c>).</summary>
    public static SmtpOptions From(IConfiguration section, string name, string path)
    {
        ArgumentNullException.ThrowIfNull(section);
        var security = Enum.TryParse<SmtpSecurity>(section["Security"] ?? nameof(SmtpSecurity.StartTls), ignoreCase: true, out var s)
            ? s
            : throw new InvalidOperationException($"{path}:Security must be None, StartTls or SslOnConnect");
        return new SmtpOptions
        {
            Name = name,
            Host = section["Host"] is { Length: > 0 } host ? host : throw new InvalidOperationException($"{path}:Host is required for sending"),
            Port = int.TryParse(section["Port"], out var port) ? port : security == SmtpSecurity.SslOnConnect ? 465 : 25,
            Security = security,
            User = section["User"] is { Length: > 0 } user ? user : null,
            Password = section["Password"],
            MaxConnections = int.TryParse(section["MaxConnections"], out var max) && max > 0 ? max : 4,
            MessagesPerSecond = double.TryParse(section["MessagesPerSecond"], CultureInfo.InvariantCulture, out var rate) && rate > 0 ? rate : 0,
            LocalDomain = section["LocalDomain"] is { Length: > 0 } helo ? helo : null,
            Timeout = TimeSpan.TryParse(section["Timeout"], CultureInfo.InvariantCulture, out var timeout) && timeout > TimeSpan.Zero ? timeout : TimeSpan.FromSeconds(60),
            OutagePause = TimeSpan.TryParse(section["OutagePause"], CultureInfo.InvariantCulture, out var pause) && pause >= TimeSpan.Zero ? pause : TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>What is wrong with one transport's section, naming the key; null when it parses. Never echoes the password.</summary>
    public static string? Problem(IConfiguration section, string path, bool hostRequired)
    {
        ArgumentNullException.ThrowIfNull(section);
        var host = section["Host"];
        return (hostRequired && string.IsNullOrWhiteSpace(host) ? $"{path}:Host: required" : null)
            ?? (host is { Length: > 0 } && (host.Any(char.IsWhiteSpace) || host.Contains('/', StringComparison.Ordinal)) ? $"{path}:Host: '{host.Trim()}' is not a host name" : null)
            ?? (section["Security"] is { } security && !Enum.TryParse<SmtpSecurity>(security, ignoreCase: true, out _) ? $"{path}:Security: must be None, StartTls or SslOnConnect" : null)
            ?? (section["Port"] is { } port && !(int.TryParse(port, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 65535)
                ? $"{path}:Port: '{port}' is not a port (1-65535)" : null)
            ?? (section["MaxConnections"] is { } max && !(int.TryParse(max, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) && m > 0)
                ? $"{path}:MaxConnections: '{max}' is not a positive whole number" : null)
            ?? (section["MessagesPerSecond"] is { } rate && !(double.TryParse(rate, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r >= 0 && double.IsFinite(r))
                ? $"{path}:MessagesPerSecond: '{rate}' is not a non-negative number" : null)
            ?? Settings.SettingChecks.PositiveTimeSpan($"{path}:Timeout", section["Timeout"])
            ?? (section["OutagePause"] is { } outage && !(TimeSpan.TryParse(outage, CultureInfo.InvariantCulture, out var o) && o >= TimeSpan.Zero)
                ? $"{path}:OutagePause: '{outage}' is not a TimeSpan (like 00:00:30)" : null)
            ?? Settings.SettingChecks.NoLineBreak($"{path}:User", section["User"])
            ?? Settings.SettingChecks.DomainName($"{path}:LocalDomain", section["LocalDomain"]);
    }

    public override string ToString() => $"{Name}: {Security} {Host}:{Port}" + (User is null ? string.Empty : $" as {User}");
}
