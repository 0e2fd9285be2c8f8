using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Connector.Tests.Sending;

/// <summary>
/// A scripted SMTP server on a loopback port (TcpListener on port 0): greeting, EHLO, MAIL, RCPT, DATA, and then, per
/// message body received (counted from 1), what <see cref="AfterData"/> says — reply 250 (and maybe close, as a restarting relay does), reply 451, close the
/// socket without a reply, or stall until the client gives up. <see cref="Rcpt"/> may answer RCPT per address. Counts
/// connections and keeps every DATA body, so a test sees how many copies reached the server.
/// </summary>
internal sealed class ScriptedSmtpPeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _bodies = new();
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _releaseStall = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _accepting;
    private int _connections;
    private int _received;

    public ScriptedSmtpPeer(Func<int, Action> afterData, Func<string, string>? rcpt = null)
    {
        AfterData = afterData;
        Rcpt = rcpt ?? (_ => "250 2.1.5 Ok");
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public enum Action
    {
        Accept,
        AcceptThenClose,
        Defer,
        Drop,
        Stall,
    }

    public Func<int, Action> AfterData { get; }

    public Func<string, string> Rcpt { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    public IReadOnlyList<string> Bodies => [.. _bodies];

    /// <summary>Completes when a body was received and the peer began stalling instead of replying.</summary>
    public Task Stalled => _stalled.Task;

    /// <summary>Ends every stall: the peer closes those connections.</summary>
    public void ReleaseStalls() => _releaseStall.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        ReleaseStalls();
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        foreach (var session in _sessions)
        {
            try
            {
                await session;
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The client went away.
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            _sessions.Add(Task.Run(() => ServeAsync(socket, _stop.Token)));
        }
    }

    private async Task ServeAsync(TcpClient socket, CancellationToken cancellationToken)
    {
        using var client = socket;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.Latin1);
        await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 peer.test ESMTP scripted");
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-peer.test\r\n250 8BITMIME");
                    break;
                case "HELO" or "MAIL" or "RSET" or "NOOP":
                    await writer.WriteLineAsync("250 2.0.0 Ok");
                    break;
                case "RCPT":
                    await writer.WriteLineAsync(Rcpt(line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.IndexOf('>', StringComparison.Ordinal)]));
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 2.0.0 Bye");
                    return;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var body = new StringBuilder();
                    while (await reader.ReadLineAsync(cancellationToken) is { } data && data != ".")
                    {
                        body.Append(data).Append("\r\n");
                    }

                    _bodies.Enqueue(body.ToString());
                    switch (AfterData(Interlocked.Increment(ref _received)))
                    {
                        case Action.Accept:
                            await writer.WriteLineAsync("250 2.0.0 Ok: queued");
                            break;
                        case Action.AcceptThenClose:
                            await writer.WriteLineAsync("250 2.0.0 Ok: queued");
                            client.Client.Close(0);
                            return;
                        case Action.Defer:
                            await writer.WriteLineAsync("451 4.3.0 Try again later");
                            break;
                        case Action.Drop:
                            client.Client.Close(0);
                            return;
                        case Action.Stall:
                            _stalled.TrySetResult();
                            await Task.WhenAny(_releaseStall.Task, DrainAsync(reader));
                            return;
                    }

                    break;
                default:
                    await writer.WriteLineAsync("502 5.5.2 Command not recognised");
                    break;
            }
        }
    }

    // While stalling: read (and ignore) until the client closes its side.
    private static async Task DrainAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync() is not null)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The client is gone.
        }
    }
}
