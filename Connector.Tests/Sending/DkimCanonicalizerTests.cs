using System.Text;
using Connector.Sending.Dkim;
using MimeKit;
using MimeKit.Cryptography;

namespace Connector.Tests.Sending;

/// <summary>Our relaxed canonicalisation against RFC 6376's own example and against MimeKit's signer on the same message.</summary>
[CancelAfter(120_000)]
public sealed class DkimCanonicalizerTests
{
    [Test]
    public void RelaxedBodyHash_Rfc6376Example_HashesTheCanonicalForm()
    {
        // RFC 6376 §3.4.5: " C \r\nD \t E\r\n\r\n\r\n" canonicalises to " C\r\nD E\r\n".
        var hash = DkimCanonicalizer.RelaxedBodyHash(" C \r\nD \t E\r\n\r\n\r\n"u8);
        Assert.That(hash, Is.EqualTo(System.Security.Cryptography.SHA256.HashData(" C\r\nD E\r\n"u8)));
    }

    [TestCase("abc", "abc\r\n")]
    [TestCase("abc\r\n\r\n \t \r\n", "abc\r\n")]
    [TestCase("a\r\n\r\nb\r\n", "a\r\n\r\nb\r\n")]
    [TestCase("a\n  b\t\tc  \n", "a\r\n b c\r\n")]
    [TestCase("", "")]
    public void RelaxedBodyHash_Cases(string body, string canonical) =>
        Assert.That(DkimCanonicalizer.RelaxedBodyHash(Encoding.ASCII.GetBytes(body)), Is.EqualTo(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(canonical))));

    [Test]
    public void AppendRelaxedHeader_FoldedValueWithTabs_UnfoldedLowerCaseName()
    {
        var header = new Header("X-Test", "x");
        header.SetRawValue(Encoding.ASCII.GetBytes(" Y\t\r\n\t Z  \r\n"));
        using var output = new MemoryStream();
        DkimCanonicalizer.AppendRelaxedHeader(output, header, isSignature: false);
        Assert.That(Encoding.ASCII.GetString(output.ToArray()), Is.EqualTo("x-test:Y Z\r\n"));
    }

    [Test]
    public void Sign_SameMessageAsMimeKitsSigner_SameBodyHash()
    {
        using var rig = new SendingRig();
        using var ours = rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!.Message;
        var oursBh = Tag(ours.Headers[HeaderId.DkimSignature], "bh");

        // Strip our signatures and let MimeKit's stock signer hash the same body.
        while (ours.Headers.Contains(HeaderId.DkimSignature))
        {
            ours.Headers.Remove(HeaderId.DkimSignature);
        }

        var rsa = Directory.GetFiles(rig.KeyFolder, "rsa-*.pem").Single();
        var stock = new DkimSigner(rsa, "example.com", "s", DkimSignatureAlgorithm.RsaSha256)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
        stock.Sign(ours, ["From", "Subject"]);
        Assert.That(oursBh, Is.EqualTo(Tag(ours.Headers[HeaderId.DkimSignature], "bh")));
    }

    [Test]
    public void Compose_SizeOfTheSignedMessage_EqualsItsBytesOnTheWire()
    {
        using var rig = new SendingRig();
        var composed = rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!;
        using var message = composed.Message;
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.EnsureNewLine = true;
        using var wire = new MemoryStream();
        message.WriteTo(format, wire);
        Assert.That(composed.Size, Is.EqualTo(wire.Length));
    }

    private static string Tag(string? value, string name) =>
        (value ?? "").Replace("\r\n", "", StringComparison.Ordinal).Split(';').Select(t => t.Trim()).Single(t => t.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..].Replace(" ", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal);
}
