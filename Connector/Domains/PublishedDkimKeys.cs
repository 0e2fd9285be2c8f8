using System.Security.Cryptography;
using Connector.Sending.Dkim;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Connector.Domains;

/// <summary>
/// The DNS records the signing keys in <c>Dkim:KeyFolder</c> need: the newest <c>rsa-*.pem</c> and <c>ed25519-*.pem</c>
/// (the keys <see cref="DkimKeySet"/> signs with), each public key derived from its private key and written as
/// <c>dkim keygen</c> prints it (<see cref="DkimDnsRecord"/>). Never reads out a private key.
/// </summary>
public static class PublishedDkimKeys
{
    public static IReadOnlyList<DkimDnsRecord> Read(string domain, string folder)
    {
        var records = new List<DkimDnsRecord>();
        if (Newest(folder, DkimKeySet.RsaPrefix) is { } rsaFile)
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(File.ReadAllText(rsaFile));
            records.Add(new DkimDnsRecord(Path.GetFileNameWithoutExtension(rsaFile), domain, $"v=DKIM1; k=rsa; p={Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo())}"));
        }

        if (Newest(folder, DkimKeySet.Ed25519Prefix) is { } edFile)
        {
            var body = string.Concat(File.ReadAllLines(edFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));
            var key = PrivateKeyFactory.CreateKey(Convert.FromBase64String(body)) as Ed25519PrivateKeyParameters
                ?? throw new FormatException($"{edFile}: not an Ed25519 private key");
            records.Add(new DkimDnsRecord(Path.GetFileNameWithoutExtension(edFile), domain, $"v=DKIM1; k=ed25519; p={Convert.ToBase64String(key.GeneratePublicKey().GetEncoded())}"));
        }

        return records;
    }

    private static string? Newest(string folder, string prefix) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, prefix + "*.pem").OrderBy(p => p, StringComparer.Ordinal).LastOrDefault()
            : null;
}
