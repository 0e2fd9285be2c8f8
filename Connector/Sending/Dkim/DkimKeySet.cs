using MimeKit;
using MimeKit.Cryptography;

namespace Connector.Sending.Dkim;

/// <summary>
/// The two signers for a domain (RSA-2048 first, then Ed25519), loaded from the newest <c>rsa-*.pem</c> and
/// <c>ed25519-*.pem</c> in <c>Dkim:KeyFolder</c>. Signs relaxed/relaxed over <see cref="SignedHeaders"/>; the message
/// must already be prepared (MIME-Version only exists after <see cref="MimeMessage.Prepare"/>).
/// </summary>
public sealed class DkimKeySet
{
    public const string RsaPrefix = "rsa-";
    public const string Ed25519Prefix = "ed25519-";

    public static readonly IReadOnlyList<string> SignedHeaders =
    [
        "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
        "List-Unsubscribe", "List-Unsubscribe-Post", "List-Id", "Feedback-ID",
    ];

    private readonly IReadOnlyList<DkimSigner> _signers;

    private DkimKeySet(string domain, IReadOnlyList<DkimSigner> signers)
    {
        Domain = domain;
        _signers = signers;
    }

    public string Domain { get; }

    public IEnumerable<string> Selectors => _signers.Select(s => s.Selector);

    public static DkimKeySet Load(string domain, string folder)
    {
        var rsa = Newest(folder, RsaPrefix) ?? throw new FileNotFoundException($"no {RsaPrefix}*.pem DKIM key in {folder} (run crm-esp dkim keygen)");
        var signers = new List<DkimSigner> { new DotNetRsaDkimSigner(File.ReadAllText(rsa), domain, Path.GetFileNameWithoutExtension(rsa)) };
        if (Newest(folder, Ed25519Prefix) is { } ed)
        {
            signers.Add(new DkimSigner(ed, domain, Path.GetFileNameWithoutExtension(ed), DkimSignatureAlgorithm.Ed25519Sha256));
        }

        foreach (var signer in signers)
        {
            signer.HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
            signer.BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
        }

        return new DkimKeySet(domain, signers);
    }

    /// <summary>Adds one DKIM-Signature per key. Ed25519 is signed first so the RSA signature ends up on top.</summary>
    public void Sign(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var headers = SignedHeaders.Where(h => h == "Content-Type" || message.Headers.Contains(h)).ToArray();
        if (!message.Headers.Contains(HeaderId.MimeVersion))
        {
            throw new InvalidOperationException("prepare the message before signing: MIME-Version is not there yet");
        }

        for (var i = _signers.Count - 1; i >= 0; i--)
        {
            _signers[i].Sign(message, headers);
        }
    }

    private static string? Newest(string folder, string prefix) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, prefix + "*.pem").OrderBy(p => p, StringComparer.Ordinal).LastOrDefault()
            : null;
}
