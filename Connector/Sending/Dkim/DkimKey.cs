namespace Connector.Sending.Dkim;

/// <summary>One private DKIM key: its selector, the <c>a=</c> tag, and a signer over the canonical header bytes.</summary>
internal abstract class DkimKey(string selector, string algorithm)
{
    public string Selector { get; } = selector;

    public string Algorithm { get; } = algorithm;

    public abstract byte[] Sign(ReadOnlySpan<byte> canonicalHeaders);
}
