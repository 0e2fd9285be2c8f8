using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Connector.Sending.Dkim;

/// <summary>A sign-only BouncyCastle <see cref="ISigner"/> that hashes incrementally and signs the hash with .NET's RSA (PKCS#1 v1.5, SHA-256).</summary>
internal sealed class RsaSha256Signer(RSA rsa) : ISigner
{
    private IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public string AlgorithmName => "SHA256withRSA";

    public void Init(bool forSigning, ICipherParameters parameters)
    {
        if (!forSigning)
        {
            throw new NotSupportedException("This signer only signs.");
        }
    }

    public void Update(byte input) => _hash.AppendData([input]);

    public void BlockUpdate(byte[] input, int inOff, int inLen) => _hash.AppendData(input, inOff, inLen);

    public void BlockUpdate(ReadOnlySpan<byte> input) => _hash.AppendData(input);

    public int GetMaxSignatureSize() => rsa.KeySize / 8;

    public byte[] GenerateSignature() => rsa.SignHash(_hash.GetHashAndReset(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public bool VerifySignature(byte[] signature) => throw new NotSupportedException("This signer only signs.");

    public void Reset()
    {
        _hash.Dispose();
        _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    }
}
