using System.Globalization;
using MimeKit;

namespace Connector.Sending.Dkim;

/// <summary>
/// The two keys for a domain (RSA-2048, then Ed25519), loaded from the newest <c>rsa-*.pem</c> and <c>ed25519-*.pem</c>
/// in <c>Dkim:KeyFolder</c>. Signs relaxed/relaxed over <see cref="SignedHeaders"/>. The body is serialised and hashed
/// once for both signatures (relaxed/SHA-256 gives both the same <c>bh=</c>); MimeKit's own signer would serialise and
/// hash it once per signature. The message must already be prepared (MIME-Version only exists after
/// <see cref="MimeMessage.Prepare"/>) and must not change afterwards. Not thread-safe: one set per worker.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The reused MemoryStream holds only managed memory; disposing it frees nothing.")]
public sealed class DkimKeySet
{
    public const string RsaPrefix = "rsa-";
    public const string Ed25519Prefix = "ed25519-";

    public static readonly IReadOnlyList<string> SignedHeaders =
    [
        "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
        "List-Unsubscribe", "List-Unsubscribe-Post", "List-Id", "Feedback-ID",
    ];

    private static readonly FormatOptions WireFormat = CreateWireFormat();

    private readonly IReadOnlyList<DkimKey> _keys;
    private readonly MemoryStream _buffer = new();

    private DkimKeySet(string domain, IReadOnlyList<DkimKey> keys)
    {
        Domain = domain;
        _keys = keys;
    }

    public string Domain { get; }

    public IEnumerable<string> Selectors => _keys.Select(k => k.Selector);

    public static DkimKeySet Load(string domain, string folder)
    {
        var rsa = Newest(folder, RsaPrefix) ?? throw new FileNotFoundException($"no {RsaPrefix}*.pem DKIM key in {folder} (run crm-esp dkim keygen)");
        var keys = new List<DkimKey> { new RsaDkimKey(File.ReadAllText(rsa), Path.GetFileNameWithoutExtension(rsa)) };
        if (Newest(folder, Ed25519Prefix) is { } ed)
        {
            keys.Add(new Ed25519DkimKey(File.ReadAllText(ed), Path.GetFileNameWithoutExtension(ed)));
        }

        return new DkimKeySet(domain, keys);
    }

    /// <summary>
    /// Adds one DKIM-Signature per key, stamped <paramref name="now"/>; Ed25519 is signed first so the RSA signature ends
    /// up on top. Returns the signed message's size as written to SMTP (the serialisation made for the body hash plus the
    /// signature headers).
    /// </summary>
    public long Sign(MimeMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.Headers.Contains(HeaderId.MimeVersion))
        {
            throw new InvalidOperationException("prepare the message before signing: MIME-Version is not there yet");
        }

        var headers = new List<(string Name, Header Header)>(SignedHeaders.Count);
        foreach (var name in SignedHeaders)
        {
            if (Find(message, name) is { } header)
            {
                headers.Add((name, header));
            }
        }

        var bodyHash = Convert.ToBase64String(BodyHash(message));
        var size = _buffer.Length;
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var names = string.Join(':', headers.Select(h => h.Name.ToLowerInvariant()));
        for (var i = _keys.Count - 1; i >= 0; i--)
        {
            var key = _keys[i];
            var signature = new Header(HeaderId.DkimSignature,
                $"v=1; a={key.Algorithm}; d={Domain}; s={key.Selector}; c=relaxed/relaxed; t={timestamp}; h={names}; bh={bodyHash}; b=");
            message.Headers.Insert(0, signature);
            _buffer.SetLength(0);
            foreach (var (_, header) in headers)
            {
                DkimCanonicalizer.AppendRelaxedHeader(_buffer, header, isSignature: false);
            }

            DkimCanonicalizer.AppendRelaxedHeader(_buffer, signature, isSignature: true);
            signature.Value += Convert.ToBase64String(key.Sign(_buffer.GetBuffer().AsSpan(0, (int)_buffer.Length)));
            size += WireLength(signature);
        }

        return size;
    }

    // MimeKit keeps folded header values with bare LF; on the wire each line ends with CRLF.
    private static long WireLength(Header header)
    {
        var raw = header.RawValue;
        var bareLineFeeds = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            bareLineFeeds += raw[i] == (byte)'\n' && (i == 0 || raw[i - 1] != (byte)'\r') ? 1 : 0;
        }

        return header.Field.Length + 1 + raw.Length + bareLineFeeds;
    }

    // Exactly the bytes after the header block as the message is written to SMTP (CRLF, a final new line ensured).
    private byte[] BodyHash(MimeMessage message)
    {
        _buffer.SetLength(0);
        message.WriteTo(WireFormat, _buffer);
        var bytes = _buffer.GetBuffer().AsSpan(0, (int)_buffer.Length);
        var separator = bytes.IndexOf("\r\n\r\n"u8);
        return DkimCanonicalizer.RelaxedBodyHash(separator < 0 ? [] : bytes[(separator + 4)..]);
    }

    // The physically last instance, as RFC 6376 §5.4.2 asks; Content-* headers of the top-level body live on the body.
    private static Header? Find(MimeMessage message, string name)
    {
        var list = name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) ? message.Body?.Headers : message.Headers;
        if (list is null)
        {
            return null;
        }

        // A plain backwards scan: HeaderList.LastIndexOf(string) costs about 4 µs a name (measured), eleven names a message.
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (string.Equals(list[i].Field, name, StringComparison.OrdinalIgnoreCase))
            {
                return list[i];
            }
        }

        return null;
    }

    private static FormatOptions CreateWireFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.EnsureNewLine = true;
        format.International = false;
        return format;
    }

    private static string? Newest(string folder, string prefix) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, prefix + "*.pem").OrderBy(p => p, StringComparer.Ordinal).LastOrDefault()
            : null;
}
