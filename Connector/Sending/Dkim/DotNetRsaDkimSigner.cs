using System.Security.Cryptography;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Connector.Sending.Dkim;

/// <summary>
/// MimeKit's DKIM signer with the RSA step done by .NET's OpenSSL-backed <see cref="RSA"/> (about 7–14× faster than
/// BouncyCastle's managed RSA). MimeKit still canonicalises, selects headers and hashes the body.
/// </summary>
public sealed class DotNetRsaDkimSigner : DkimSigner
{
    private readonly RSA _rsa;

    public DotNetRsaDkimSigner(string privateKeyPem, string domain, string selector)
        : base(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(privateKeyPem)), domain, selector, DkimSignatureAlgorithm.RsaSha256)
    {
        _rsa = RSA.Create();
        _rsa.ImportFromPem(privateKeyPem);
    }

    protected override ISigner CreateSigningContext() => new RsaSha256Signer(_rsa);
}
