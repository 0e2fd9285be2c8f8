using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace Connector.Sending.Dkim;

/// <summary>
/// Writes an RSA-2048 and an Ed25519 DKIM key into a folder as <c>SELECTOR.pem</c> (PKCS#8, mode 600) and
/// <c>SELECTOR.txt</c> (the TXT value to publish), and returns the DNS records. Never overwrites a key.
/// </summary>
public static class DkimKeyGenerator
{
    /// <summary>The first DKIM private key file in the folder, or null when it holds none (or does not exist).</summary>
    public static string? ExistingKey(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.pem").Order(StringComparer.Ordinal)
                .FirstOrDefault(f => Path.GetFileName(f).StartsWith(DkimKeySet.RsaPrefix, StringComparison.Ordinal) || Path.GetFileName(f).StartsWith(DkimKeySet.Ed25519Prefix, StringComparison.Ordinal))
            : null;

    public static IReadOnlyList<DkimDnsRecord> Generate(string domain, string folder, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        Directory.CreateDirectory(folder);
        var stamp = now.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var rsaSelector = $"{DkimKeySet.RsaPrefix}{stamp}";
        var edSelector = $"{DkimKeySet.Ed25519Prefix}{stamp}";
        foreach (var selector in new[] { rsaSelector, edSelector })
        {
            if (File.Exists(Path.Combine(folder, selector + ".pem")))
            {
                throw new IOException($"a key for selector {selector} already exists in {folder}");
            }
        }

        using var rsa = RSA.Create(2048);
        var rsaRecord = new DkimDnsRecord(rsaSelector, domain, $"v=DKIM1; k=rsa; p={Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo())}");
        Write(folder, rsaRecord, rsa.ExportPkcs8PrivateKeyPem());

        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var publicKey = ((Ed25519PublicKeyParameters)pair.Public).GetEncoded();
        var edRecord = new DkimDnsRecord(edSelector, domain, $"v=DKIM1; k=ed25519; p={Convert.ToBase64String(publicKey)}");
        using var pem = new StringWriter();
        var writer = new PemWriter(pem);
        writer.WriteObject(new Org.BouncyCastle.Utilities.IO.Pem.PemObject("PRIVATE KEY", PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetEncoded()));
        writer.Writer.Flush();
        Write(folder, edRecord, pem.ToString());
        WriteTokenKeyIfMissing(folder);
        return [rsaRecord, edRecord];
    }

    private static void WriteTokenKeyIfMissing(string folder)
    {
        var path = Path.Combine(folder, Tokens.TokenKey.FileName);
        if (!File.Exists(path))
        {
            WriteSecret(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
        }
    }

    private static void Write(string folder, DkimDnsRecord record, string privatePem)
    {
        WriteSecret(Path.Combine(folder, record.Selector + ".pem"), privatePem);
        File.WriteAllText(Path.Combine(folder, record.Selector + ".txt"), record.Value + "\n");
    }

    private static void WriteSecret(string keyPath, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(keyPath, options))
        using (var text = new StreamWriter(stream))
        {
            text.Write(content);
        }
    }
}
