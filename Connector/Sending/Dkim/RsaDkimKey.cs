using System.Security.Cryptography;

namespace Connector.Sending.Dkim;

/// <summary>rsa-sha256 through .NET's OpenSSL-backed <see cref="RSA"/> (PKCS#1 v1.5): about 7–14× BouncyCastle's managed RSA.</summary>
internal sealed class RsaDkimKey : DkimKey
{
    private readonly RSA _rsa;

    public RsaDkimKey(string privateKeyPem, string selector)
        : base(selector, "rsa-sha256")
    {
        _rsa = RSA.Create();
        _rsa.ImportFromPem(privateKeyPem);
    }

    public override byte[] Sign(ReadOnlySpan<byte> canonicalHeaders) =>
        _rsa.SignData(canonicalHeaders, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
}
