using System.Text;
using MailKit;

namespace Connector.Tests.Sending;

/// <summary>
/// Records an SMTP conversation as MailKit wrote and read it, one entry per socket write of the client (so pipelined
/// commands show up together); anything MailKit's secret detector marks (AUTH) is replaced by "********".
/// </summary>
internal sealed class WriteRecorder : IProtocolLogger
{
    private readonly List<string> _writes = [];
    private readonly StringBuilder _all = new();

    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    public IReadOnlyList<string> ClientWrites
    {
        get
        {
            lock (_writes)
            {
                return _writes.ToList();
            }
        }
    }

    public string Conversation
    {
        get
        {
            lock (_writes)
            {
                return _all.ToString();
            }
        }
    }

    public void LogConnect(Uri uri) => Append("* connect " + uri, null);

    public void LogClient(byte[] buffer, int offset, int count) => Append("C: " + Redacted(buffer, offset, count), _writes);

    public void LogServer(byte[] buffer, int offset, int count) => Append("S: " + Encoding.ASCII.GetString(buffer, offset, count), null);

    public void Dispose()
    {
    }

    private string Redacted(byte[] buffer, int offset, int count)
    {
        var bytes = buffer.AsSpan(offset, count).ToArray();
        foreach (var secret in AuthenticationSecretDetector?.DetectSecrets(buffer, offset, count) ?? [])
        {
            bytes.AsSpan(secret.StartIndex - offset, secret.Length).Fill((byte)'*');
        }

        return Encoding.ASCII.GetString(bytes);
    }

    private void Append(string text, List<string>? writes)
    {
        lock (_writes)
        {
            writes?.Add(text);
            _all.Append(text);
        }
    }
}
