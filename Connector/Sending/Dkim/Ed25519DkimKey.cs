using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Connector.Sending.Dkim;

/// <summary>ed25519-sha256 (RFC 8463): PureEdDSA over the SHA-256 of the canonical header bytes; the key is PKCS#8 PEM.</summary>
internal sealed class Ed25519DkimKey : DkimKey
{
    private readonly Ed25519PrivateKeyParameters _key;

    public Ed25519DkimKey(string privateKeyPem, string selector)
        : base(selector, "ed25519-sha256")
    {
        var body = string.Concat(privateKeyPem.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));
        _key = PrivateKeyFactory.CreateKey(Convert.FromBase64String(body)) as Ed25519PrivateKeyParameters
            ?? throw new FormatException($"{selector}: not an Ed25519 private key");
    }

    public override byte[] Sign(ReadOnlySpan<byte> canonicalHeaders)
    {
        var digest = SHA256.HashData(canonicalHeaders);
        var signer = new Ed25519Signer();
        signer.Init(true, _key);
        signer.BlockUpdate(digest, 0, digest.Length);
        return signer.GenerateSignature();
    }
}
