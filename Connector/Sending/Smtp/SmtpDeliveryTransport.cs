using System.Collections.Concurrent;
using System.Net.Sockets;
using Connector.Sending.Composing;
using Connector.Sending.Ledger;
using Connector.Sending.Profiling;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Connector.Sending.Smtp;

/// <summary>
/// SMTP via MailKit with a pool of up to <see cref="SmtpOptions.MaxConnections"/> connected clients, each used by one
/// sender at a time and reused across messages, paced at <see cref="SmtpOptions.MessagesPerSecond"/>. Sockets are
/// created here with <c>NoDelay</c> (MailKit's own leave Nagle on: ~22 msg/s for 30 KB messages). Each message goes
/// out through MailKit's synchronous Send on a dedicated thread (<see cref="SmtpSendThreads"/>): a third of the CPU
/// of SendAsync. MailKit pipelines MAIL/RCPT when the server offers PIPELINING and the clients ask for DSN when it
/// offers DSN (<see cref="DsnSmtpClient"/>). Command rejections keep the connection; protocol and I/O errors drop it.
/// Cancellation takes effect between SMTP commands: a reply already awaited arrives or times out (<see cref="SmtpOptions.Timeout"/>).
/// The CPU of the transaction goes to <see cref="DeliveryClaim.Stages"/> when profiling.
/// At most once on the wire: a message is claimed only once it holds its rate slot and a connection, and a failure after
/// the end of DATA is reported as <see cref="DeliveryStatus.Unknown"/>, never as a connection failure to retry.
/// </summary>
public sealed class SmtpDeliveryTransport(SmtpOptions options, TimeProvider time) : IDeliveryTransport
{
    private readonly ConcurrentBag<DsnSmtpClient> _idle = [];
    private readonly SemaphoreSlim _slots = new(options.MaxConnections, options.MaxConnections);
    private readonly SmtpSendThreads _sendThreads = new(options.MaxConnections, "smtp-send");
    private readonly RateSlot? _rate = options.MessagesPerSecond > 0 ? new RateSlot(options.MessagesPerSecond, time) : null;
    private int _connects;
    private int _busy;
    private int _peakBusy;
    private long _pausedUntilTicks;

    public string Name => options.Name;

    public int Connects => Volatile.Read(ref _connects);

    /// <summary>The most connections this transport had in use at once (never above <see cref="SmtpOptions.MaxConnections"/>).</summary>
    public int PeakConnectionsInUse => Volatile.Read(ref _peakBusy);

    public Task<DeliveryResult> SendAsync(ComposedMessage message, string? envelopeId, CancellationToken cancellationToken) =>
        DeliverAsync(message, DeliveryClaim.Unconditional(envelopeId), cancellationToken);

    /// <summary>
    /// Waits for the rate slot and a connection, then claims the message (<see cref="DeliveryClaim"/>) and sends it. A relay
    /// that cannot be reached pauses this transport for <see cref="SmtpOptions.OutagePause"/> (nothing was claimed); a
    /// pooled connection found dead before DATA is replaced once; a failure after the end of DATA is
    /// <see cref="DeliveryStatus.Unknown"/> (the server may have the message).
    /// </summary>
    public async Task<DeliveryResult> DeliverAsync(ComposedMessage message, DeliveryClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(claim);
        if (PausedUntil() is { } paused)
        {
            return DeliveryResult.Unreachable($"paused after failing to connect, until {Store.UtcText.From(paused)}", paused);
        }

        if (_rate is not null)
        {
            await _rate.WaitAsync(cancellationToken);
        }

        await _slots.WaitAsync(cancellationToken);
        var busy = Interlocked.Increment(ref _busy);
        InterlockedMax(ref _peakBusy, busy);
        DsnSmtpClient? client = null;
        try
        {
            // Lease (connecting if need be), claim and send are one work item on a send thread: connecting there keeps the
            // socket in blocking mode (after any async call .NET emulates blocking calls through its epoll thread and the
            // thread pool, about sixty context switches per message, measured), and the message costs one hand-off.
            // The claim is the ledger's synchronous SQLite write. The caller's continuation stays on the send thread.
            var attempt = await _sendThreads.RunAsync(() =>
            {
                var reused = false;
                try
                {
                    (client, reused) = Lease(cancellationToken);
                }
                catch (Exception ex) when (IsConnectionError(ex) && !cancellationToken.IsCancellationRequested)
                {
                    return new Attempt(null, ex);
                }

                if (!claim.TryClaimAsync(cancellationToken).GetAwaiter().GetResult())
                {
                    return new Attempt(null, null);
                }

                var started = claim.Stages?.ThreadCpu() ?? 0;
                try
                {
                    return new Attempt(SendOn(client, message, claim.EnvelopeId, cancellationToken), null);
                }
                catch (Exception ex) when (reused && !client.DataStarted && IsConnectionError(ex) && !cancellationToken.IsCancellationRequested)
                {
                    // The pooled connection had died meanwhile (the relay restarted, an idle timeout): nothing of this
                    // message reached the server, so it goes once more over a new connection.
                    client.Dispose();
                    client = null;
                    (client, _) = Lease(cancellationToken, pooled: false);
                    return new Attempt(SendOn(client, message, claim.EnvelopeId, cancellationToken), null);
                }
                finally
                {
                    claim.Stages?.Add(SendStage.Smtp, started);
                }
            });
            if (attempt.ConnectFailure is { } failure)
            {
                var until = time.GetUtcNow() + options.OutagePause;
                PauseUntil(until);
                return DeliveryResult.Unreachable($"{failure.GetType().Name}: {failure.Message}; paused until {Store.UtcText.From(until)}", until);
            }

            if (attempt.Reply is not { } reply)
            {
                return DeliveryResult.NotHandedOver;
            }

            return DeliveryResult.Accepted(reply);
        }
        catch (SmtpCommandException ex)
        {
            return DeliveryClassifier.Classify((int)ex.StatusCode, ex.Message, ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted);
        }
        catch (Exception ex) when (IsConnectionError(ex) && !cancellationToken.IsCancellationRequested)
        {
            var ended = client?.DataEnded == true;
            await DropAsync(client);
            client = null;
            return ended
                ? DeliveryResult.OutcomeUnknown($"{ex.GetType().Name} after the end of DATA, before the reply: outcome unknown ({ex.Message})")
                : DeliveryResult.ConnectionFailed($"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            Return(client);
            Interlocked.Decrement(ref _busy);
            _slots.Release();
        }
    }

    // What the send thread did: the server's reply, or the connection that could not be made (nothing claimed), or
    // neither (the claim was refused). Other failures come back as the task's exception.
    private sealed record Attempt(string? Reply, Exception? ConnectFailure);

    private string SendOn(DsnSmtpClient client, ComposedMessage message, string? envelopeId, CancellationToken cancellationToken)
    {
        client.BeginMessage(envelopeId, message.Size);
        using var bounded = Bounded(cancellationToken);
        return client.Send(message.Message, message.EnvelopeFrom, [message.Recipient], bounded.Token);
    }

    // MailKit ignores its socket timeout when the token can be cancelled (it polls the socket every 250 ms until data
    // arrives or the token fires): a server that stalls before its reply would hold the send for ever. The send's token
    // therefore also fires after the timeout; the caller tells the two apart by its own token.
    private CancellationTokenSource Bounded(CancellationToken cancellationToken)
    {
        var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(options.Timeout);
        return bounded;
    }

    private static bool IsConnectionError(Exception ex) =>
        ex is SmtpProtocolException or IOException or SocketException or SslHandshakeException or AuthenticationException
            or ServiceNotConnectedException or TimeoutException or OperationCanceledException;

    private DateTimeOffset? PausedUntil()
    {
        var ticks = Interlocked.Read(ref _pausedUntilTicks);
        if (ticks == 0)
        {
            return null;
        }

        var until = new DateTimeOffset(ticks, TimeSpan.Zero);
        return until > time.GetUtcNow() ? until : null;
    }

    private void PauseUntil(DateTimeOffset until) => Interlocked.Exchange(ref _pausedUntilTicks, until.UtcTicks);

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var client))
        {
            await DropAsync(client);
        }

        _slots.Dispose();
        _sendThreads.Dispose();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
            // Another sender raised it meanwhile: look again.
        }
    }

    private (DsnSmtpClient Client, bool Reused) Lease(CancellationToken cancellationToken, bool pooled = true)
    {
        while (pooled && _idle.TryTake(out var idle))
        {
            if (idle.IsConnected)
            {
                return (idle, true);
            }

            idle.Dispose();
        }

        var client = new DsnSmtpClient(options.ProtocolLogger?.Invoke()) { Timeout = (int)options.Timeout.TotalMilliseconds };
        if (options.LocalDomain is { } helo)
        {
            client.LocalDomain = helo;
        }

        if (options.CertificateValidation is { } validation)
        {
            client.ServerCertificateValidationCallback = validation;
        }

        try
        {
            var socket = CreateSocket();
            try
            {
                cancellationToken.ThrowIfCancellationRequested();

                // Linux applies SO_SNDTIMEO to connect(2): an unreachable relay fails after the timeout, not the kernel's minutes.
                socket.SendTimeout = (int)options.Timeout.TotalMilliseconds;
                socket.Connect(options.Host, options.Port);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            using var bounded = Bounded(cancellationToken);
            client.Connect(socket, options.Host, options.Port, Map(options.Security), bounded.Token);
            if (options.User is { } user)
            {
                client.Authenticate(user, options.Password ?? string.Empty, bounded.Token);
            }

            Interlocked.Increment(ref _connects);
            return (client, false);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private void Return(DsnSmtpClient? client)
    {
        if (client is null)
        {
            return;
        }

        if (client.IsConnected)
        {
            _idle.Add(client);
        }
        else
        {
            client.Dispose();
        }
    }

    private static async Task DropAsync(SmtpClient? client)
    {
        if (client is null)
        {
            return;
        }

        try
        {
            if (client.IsConnected)
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(true, quit.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
        {
            // The connection is gone either way.
        }
        finally
        {
            client.Dispose();
        }
    }

    private static SecureSocketOptions Map(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };

    /// <summary>Nagle off: with it on, MailKit stalls at about 22 msg/s on 30 KB messages (deliverability.md §0.2).</summary>
    internal static Socket CreateSocket() => new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
}
