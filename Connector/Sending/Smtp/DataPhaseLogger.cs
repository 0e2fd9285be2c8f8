using MailKit;

namespace Connector.Sending.Smtp;

/// <summary>
/// Watches what MailKit writes to the server (its protocol log, called after each successful socket write) to tell
/// where a message stands when the connection fails: still in commands, DATA sent, or the final <c>CRLF.CRLF</c> of the
/// body handed to the socket — after which the server may have accepted the message. Dot-stuffing keeps a line holding
/// only "." out of the body, so the terminator is recognised from the last five bytes written. O(1) per write; passes
/// everything on to an inner logger (tests' traces) when there is one.
/// </summary>
internal sealed class DataPhaseLogger(IProtocolLogger? inner) : IProtocolLogger
{
    private const ulong Terminator = 0x0D_0A_2E_0D_0A; // "\r\n.\r\n"
    private const ulong FiveBytes = 0xFF_FF_FF_FF_FF;
    private ulong _tail;

    public enum Stage
    {
        Commands,
        Data,
        Ended,
    }

    public Stage Phase { get; private set; }

    public IAuthenticationSecretDetector? AuthenticationSecretDetector
    {
        get => inner?.AuthenticationSecretDetector;
        set
        {
            if (inner is not null)
            {
                inner.AuthenticationSecretDetector = value;
            }
        }
    }

    /// <summary>A new message on this connection.</summary>
    public void Reset()
    {
        Phase = Stage.Commands;
        _tail = 0;
    }

    public void LogConnect(Uri uri) => inner?.LogConnect(uri);

    public void LogClient(byte[] buffer, int offset, int count)
    {
        inner?.LogClient(buffer, offset, count);
        var written = buffer.AsSpan(offset, count);
        switch (Phase)
        {
            case Stage.Commands when written.EndsWith("DATA\r\n"u8) && (written.Length == 6 || written[^7] == (byte)'\n'):
                Phase = Stage.Data;
                _tail = 0;
                break;
            case Stage.Commands when written.StartsWith("BDAT "u8):
                // CHUNKING sends the command and the body together: from here on the outcome is unknown.
                Phase = Stage.Ended;
                break;
            case Stage.Data:
                foreach (var b in written.Length > 5 ? written[^5..] : written)
                {
                    _tail = ((_tail << 8) | b) & FiveBytes;
                }

                if (_tail == Terminator)
                {
                    Phase = Stage.Ended;
                }

                break;
        }
    }

    public void LogServer(byte[] buffer, int offset, int count) => inner?.LogServer(buffer, offset, count);

    public void Dispose() => inner?.Dispose();
}
