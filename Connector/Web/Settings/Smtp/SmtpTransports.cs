using System.Net.Sockets;
using Connector.Sending.Smtp;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Connector.Web.Settings.Smtp;

/// <summary>
/// The SMTP transports as configuration has them (<see cref="TransportTable"/>'s keys), and a connection test of one:
/// TCP connect, the greeting and EHLO (STARTTLS or TLS on connect as <c>Security</c> says), AUTH when a user is
/// configured, then QUIT — each step reported, the whole bounded by <see cref="MaxTimeout"/> (or the transport's shorter
/// <c>Timeout</c>). Sends no message. The password is used only to authenticate: never returned, never logged.
/// </summary>
public sealed class SmtpTransports(IConfiguration configuration, TimeProvider time)
{
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(10);

    public SmtpOverview Overview()
    {
        if (configuration["Smtp:PickupFolder"] is { Length: > 0 })
        {
            return new SmtpOverview(true, [], [], null);
        }

        try
        {
            var routes = configuration.GetSection("Smtp:Routes").GetChildren()
                .Select(r => new SmtpRouteView(r.Key, (r.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))).ToList();
            var options = Options();
            return new SmtpOverview(false, [.. options.Select(o => View(o.Options, o.Key))], routes, options.Count == 0 ? "no relay configured: set Smtp:Host (or Smtp:Transports:NAME:Host)" : null);
        }
        catch (InvalidOperationException ex)
        {
            return new SmtpOverview(false, [], [], ex.Message);
        }
    }

    /// <summary>The test of transport <paramref name="name"/>; null when there is no such transport.</summary>
    public async Task<SmtpTestResult?> TestAsync(string name, CancellationToken cancellationToken)
    {
        if (configuration["Smtp:PickupFolder"] is { Length: > 0 } || Options().Select(o => o.Options).FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase)) is not { } options)
        {
            return null;
        }

        var bound = options.Timeout < MaxTimeout ? options.Timeout : MaxTimeout;
        using var timeout = new CancellationTokenSource(bound, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var token = linked.Token;
        var steps = new List<SmtpTestStep>();
        var started = time.GetTimestamp();
        long Elapsed() => (long)time.GetElapsedTime(started).TotalMilliseconds;
        string Why(Exception ex) => timeout.IsCancellationRequested ? $"no answer within {bound.TotalSeconds:0.#} s" : Describe(ex);

        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, token);
            steps.Add(new SmtpTestStep("connect", "ok", $"connected to {options.Host}:{options.Port} ({socket.RemoteEndPoint})", Elapsed()));
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ArgumentException)
        {
            steps.Add(new SmtpTestStep("connect", "failed", $"{options.Host}:{options.Port}: {Why(ex)}", Elapsed()));
            return Result(options, steps, bound);
        }

        using var client = new SmtpClient();
        if (options.LocalDomain is { } helo)
        {
            client.LocalDomain = helo;
        }

        try
        {
            started = time.GetTimestamp();
            await client.ConnectAsync(socket, options.Host, options.Port, options.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            }, token);
            var offered = string.Join(", ", Offered(client.Capabilities, client.AuthenticationMechanisms));
            steps.Add(new SmtpTestStep("greeting", "ok", $"greeting and EHLO answered{(offered.Length > 0 ? $"; offers {offered}" : "")}", Elapsed()));
            steps.Add(options.Security == SmtpSecurity.None
                ? new SmtpTestStep("tls", "skipped", "Security is None: the connection is not encrypted", 0)
                : new SmtpTestStep("tls", "ok", $"{(options.Security == SmtpSecurity.StartTls ? "STARTTLS" : "TLS on connect")}: {client.SslProtocol}, {client.SslCipherSuite}", 0));
        }
        catch (Exception ex) when (IsFailure(ex))
        {
            steps.Add(new SmtpTestStep("greeting", "failed", Why(ex), Elapsed()));
            return Result(options, steps, bound);
        }

        if (options.User is not { } user)
        {
            steps.Add(new SmtpTestStep("auth", "skipped", "no User configured: the relay is used without AUTH", 0));
        }
        else
        {
            try
            {
                started = time.GetTimestamp();
                await client.AuthenticateAsync(user, options.Password ?? string.Empty, token);
                steps.Add(new SmtpTestStep("auth", "ok", $"authenticated as {user}", Elapsed()));
            }
            catch (Exception ex) when (IsFailure(ex) || ex is NotSupportedException)
            {
                steps.Add(new SmtpTestStep("auth", "failed", ex is NotSupportedException ? "the server offers no AUTH on this connection" : Why(ex), Elapsed()));
            }
        }

        try
        {
            await client.DisconnectAsync(quit: true, token);
        }
        catch (Exception ex) when (IsFailure(ex))
        {
            // The test's outcome is known already; a QUIT that is not answered changes nothing.
        }

        return Result(options, steps, bound);
    }

    private List<(SmtpOptions Options, string Key)> Options()
    {
        var options = new List<(SmtpOptions, string)>();
        if (configuration["Smtp:Host"] is { Length: > 0 })
        {
            options.Add((SmtpOptions.From(configuration), "Smtp"));
        }

        options.AddRange(configuration.GetSection("Smtp:Transports").GetChildren().Select(section => (SmtpOptions.From(section, section.Key, section.Path), section.Path)));
        return options;
    }

    private static SmtpTransportView View(SmtpOptions o, string key) => new(
        o.Name, key, o.Host, o.Port, o.Security.ToString(), o.User,
        !string.IsNullOrEmpty(o.Password), o.MaxConnections, o.MessagesPerSecond, o.LocalDomain);

    private static SmtpTestResult Result(SmtpOptions options, List<SmtpTestStep> steps, TimeSpan bound) =>
        new(options.Name, steps.All(s => s.Status != "failed"), steps, (long)bound.TotalMilliseconds);

    private static IEnumerable<string> Offered(SmtpCapabilities capabilities, HashSet<string> mechanisms)
    {
        foreach (var (flag, word) in new[] { (SmtpCapabilities.StartTLS, "STARTTLS"), (SmtpCapabilities.Pipelining, "PIPELINING"), (SmtpCapabilities.Size, "SIZE"), (SmtpCapabilities.Dsn, "DSN"), (SmtpCapabilities.EightBitMime, "8BITMIME") })
        {
            if (capabilities.HasFlag(flag))
            {
                yield return word;
            }
        }

        if (mechanisms.Count > 0)
        {
            yield return "AUTH " + string.Join(' ', mechanisms.Order(StringComparer.Ordinal));
        }
    }

    private static bool IsFailure(Exception ex) =>
        ex is SmtpCommandException or SmtpProtocolException or IOException or SocketException or SslHandshakeException or AuthenticationException
            or ServiceNotConnectedException or OperationCanceledException or TimeoutException or InvalidOperationException;

    private static string Describe(Exception ex) => ex switch
    {
        AuthenticationException => "the server refused the user name or password",
        SmtpCommandException command => $"the server answered {(int)command.StatusCode}: {Capped(command.Message)}",
        SslHandshakeException => "the TLS handshake failed (certificate or protocol)",
        _ => Capped(ex.Message),
    };

    private static string Capped(string text) => text.Length > 200 ? text[..200] + "…" : text.ReplaceLineEndings(" ");
}
