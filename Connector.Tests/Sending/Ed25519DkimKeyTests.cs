using System.Security.Cryptography;
using Connector.Sending.Dkim;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace Connector.Tests.Sending;

/// <summary>ed25519-sha256 DKIM signatures: OpenSSL's, where it is available, are BouncyCastle's bytes exactly.</summary>
[CancelAfter(60_000)]
public sealed class Ed25519DkimKeyTests
{
    [Test]
    public void Sign_OnLinux_OpenSslSignsAndGivesBouncyCastlesBytes()
    {
        var (key, publicKey) = NewKey();
        var headers = "from:Shop <news@example.com>\r\nsubject:Товары недели\r\ndkim-signature:v=1; a=ed25519-sha256; b="u8.ToArray();
        var signature = key.Sign(headers);
        Assert.Multiple(() =>
        {
            Assert.That(key.SignsWithOpenSsl, Is.EqualTo(OperatingSystem.IsLinux()), "libcrypto 3 is what .NET itself uses on Linux");
            Assert.That(signature, Is.EqualTo(key.SignManaged(SHA256.HashData(headers))), "Ed25519 is deterministic: the same bytes from both");
            Assert.That(Verifies(publicKey, SHA256.HashData(headers), signature), Is.True);
            Assert.That(Verifies(publicKey, SHA256.HashData("from:someone else\r\n"u8), signature), Is.False);
        });
    }

    [Test]
    public void Sign_ManyThreadsAtOnce_EverySignatureVerifies()
    {
        var (key, publicKey) = NewKey();
        var failures = 0;
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var digest = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"to:r{i}@example.org\r\n"));
            if (!Verifies(publicKey, digest, key.Sign(System.Text.Encoding.UTF8.GetBytes($"to:r{i}@example.org\r\n"))))
            {
                Interlocked.Increment(ref failures);
            }
        });
        Assert.That(failures, Is.Zero);
    }

    [Test]
    public void TryCreate_NotA32ByteSeed_NoSigner()
    {
        Assert.That(OpenSslEd25519.TryCreate(new byte[31]), Is.Null);
    }

    private static (Ed25519DkimKey Key, Ed25519PublicKeyParameters Public) NewKey()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var pkcs8 = PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetEncoded();
        var pem = $"-----BEGIN PRIVATE KEY-----\n{Convert.ToBase64String(pkcs8)}\n-----END PRIVATE KEY-----\n";
        return (new Ed25519DkimKey(pem, "ed25519-test"), (Ed25519PublicKeyParameters)pair.Public);
    }

    private static bool Verifies(Ed25519PublicKeyParameters publicKey, byte[] digest, byte[] signature)
    {
        var verifier = new Ed25519Signer();
        verifier.Init(false, publicKey);
        verifier.BlockUpdate(digest, 0, digest.Length);
        return verifier.VerifySignature(signature);
    }
}
