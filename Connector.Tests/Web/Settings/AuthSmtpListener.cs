using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Connector.Tests.Web.Settings;

/// <summary>
/// A small SMTP server on a loopback port for the connection test: greeting, EHLO offering AUTH PLAIN, AUTH PLAIN that
/// takes one user and password (235) and refuses others (535), QUIT. With <c>silent</c> it accepts and never greets.
/// Keeps the lines it received, so a test can see what the client said.
/// </summary>
internal sealed class AuthSmtpListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly string _user;
    private readonly string _password;
    private readonly bool _silent;
    private readonly List<string> _lines = [];

    public AuthSmtpListener(string user, string password, bool silent = false)
    {
        (_user, _password, _silent) = (user, password, silent);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            if (_silent)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }

            await writer.WriteLineAsync("220 test.local ESMTP");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                lock (_lines)
                {
                    _lines.Add(line);
                }

                var verb = line.Split(' ')[0].ToUpperInvariant();
                if (verb is "EHLO" or "HELO")
                {
                    await writer.WriteLineAsync("250-test.local\r\n250-PIPELINING\r\n250-AUTH PLAIN\r\n250 8BITMIME");
                }
                else if (verb == "AUTH")
                {
                    var parts = line.Split(' ');
                    var decoded = parts.Length > 2 ? Encoding.UTF8.GetString(Convert.FromBase64String(parts[2])).Split('\0') : [];
                    await writer.WriteLineAsync(decoded.Length == 3 && decoded[1] == _user && decoded[2] == _password
                        ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication credentials invalid");
                }
                else if (verb == "QUIT")
                {
                    await writer.WriteLineAsync("221 2.0.0 Bye");
                    return;
                }
                else
                {
                    await writer.WriteLineAsync("502 5.5.2 Not implemented");
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away or the listener stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
