using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Connector.Sending.Dkim;

/// <summary>
/// A sign-only BouncyCastle <see cref="ISigner"/> that hashes incrementally and signs the hash with .NET's RSA
/// (PKCS#1 v1.5, SHA-256). The hash holds a native handle: it is released when the signature is made, not left to
/// the finalizer (one per message would otherwise pile up on the finalizer thread).
/// </summary>
internal sealed class RsaSha256Signer(RSA rsa) : ISigner
{
    private IncrementalHash? _current;

    private IncrementalHash Hash => _current ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public string AlgorithmName => "SHA256withRSA";

    public void Init(bool forSigning, ICipherParameters parameters)
    {
        if (!forSigning)
        {
            throw new NotSupportedException("This signer only signs.");
        }
    }

    public void Update(byte input) => Hash.AppendData([input]);

    public void BlockUpdate(byte[] input, int inOff, int inLen) => Hash.AppendData(input, inOff, inLen);

    public void BlockUpdate(ReadOnlySpan<byte> input) => Hash.AppendData(input);

    public int GetMaxSignatureSize() => rsa.KeySize / 8;

    public byte[] GenerateSignature()
    {
        var digest = Hash.GetHashAndReset();
        Release();
        return rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    public bool VerifySignature(byte[] signature) => throw new NotSupportedException("This signer only signs.");

    public void Reset() => Release();

    private void Release()
    {
        _current?.Dispose();
        _current = null;
    }
}
