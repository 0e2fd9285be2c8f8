using Connector.Sending.Composing;
using Connector.Sending.Tokens;
using MimeKit;

namespace Connector.Tests.Sending;

[CancelAfter(120_000)]
public sealed class MessageComposerTests
{
    [Test]
    public void Compose_Campaign_HasEveryListHeaderAndPrecedenceBulk()
    {
        using var rig = new SendingRig();
        var message = rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!.Message;
        var unsubscribe = message.Headers[HeaderId.ListUnsubscribe];
        Assert.Multiple(() =>
        {
            Assert.That(unsubscribe, Does.Match(@"^<https://t\.example\.com/t/u/[A-Za-z0-9_-]+>, <mailto:unsubscribe\+[a-z2-7]+@bounces\.example\.com\?subject=unsubscribe>$"));
            Assert.That(message.Headers[HeaderId.ListUnsubscribePost], Is.EqualTo("List-Unsubscribe=One-Click"));
            Assert.That(message.Headers[HeaderId.ListId], Is.EqualTo("\"November sale\" <november-sale.example.com>"));
            Assert.That(message.Headers["Feedback-ID"], Is.EqualTo("november-sale:campaign:crmesp:crmespbridge"));
            Assert.That(message.Headers[HeaderId.Precedence], Is.EqualTo("bulk"));
            Assert.That(message.MessageId, Does.EndWith("@example.com"));
            Assert.That(message.Headers.Count(h => h.Id == HeaderId.DkimSignature), Is.EqualTo(2));
            Assert.That(message.Headers[HeaderId.MimeVersion], Is.EqualTo("1.0"));
        });
    }

    [Test]
    public void Compose_ScenarioStep_HasNoPrecedence()
    {
        using var rig = new SendingRig();
        var message = rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Scenario).Message!.Message;
        Assert.That(message.Headers.Contains(HeaderId.Precedence), Is.False);
    }

    [Test]
    public void Compose_Links_RewrittenToSignedClickTokensExceptOwnUnsubscribe()
    {
        using var rig = new SendingRig();
        var html = rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!.Message.HtmlBody;
        var click = System.Text.RegularExpressions.Regex.Match(html ?? string.Empty, "href=\"https://t\\.example\\.com/t/c/([A-Za-z0-9_-]+)\"");
        var token = rig.Tokens.Read(TokenKind.Click, click.Groups[1].Value);
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Not.Contain("href=\"https://shop.example.com"));
            Assert.That(token, Is.EqualTo(new SignedToken(TokenKind.Click, new MessageRef(42, 1001), "https://shop.example.com/catalog/november?utm_source=email")));
            Assert.That(html, Does.Contain("href=\"https://t.example.com/t/u/placeholder\""));
            Assert.That(html, Does.Match("<img src=\"https://t\\.example\\.com/t/o/[A-Za-z0-9_-]+\" width=\"1\" height=\"1\""));
        });
    }

    [Test]
    public void Compose_Envelope_IsVerpWithSignedTokenNamingMessageAndRecipient()
    {
        using var rig = new SendingRig();
        var composed = rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!;
        var address = composed.EnvelopeFrom.Address;
        var token = address["bounce+".Length..address.IndexOf('@', StringComparison.Ordinal)];
        Assert.Multiple(() =>
        {
            Assert.That(address, Does.Match("^bounce\\+[a-z2-7]+@bounces\\.example\\.com$"));
            Assert.That(address.IndexOf('@', StringComparison.Ordinal), Is.LessThanOrEqualTo(64));
            Assert.That(rig.Tokens.Read(TokenKind.Bounce, token.ToUpperInvariant(), forAddress: true)?.Message, Is.EqualTo(new MessageRef(42, 1001)));
            Assert.That(rig.Tokens.Read(TokenKind.Unsubscribe, token, forAddress: true), Is.Null);
        });
    }

    [Test]
    public void Compose_TextPart_GeneratedWithTrackedLinksWithoutPreheaderOrPixel()
    {
        using var rig = new SendingRig();
        var text = rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!.Message.TextBody;
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("Hello Anna,"));
            Assert.That(text, Does.Match(@"See the November catalogue \(https://t\.example\.com/t/c/[A-Za-z0-9_-]+\)"));
            Assert.That(text, Does.Not.Contain("Three things"));
            Assert.That(text, Does.Not.Contain("/t/o/"));
        });
    }

    [TestCase("Anna\r\nBcc: victim@example.net")]
    [TestCase("Anna\nSubject: injected")]
    public void Compose_CrlfInRecipientNameAndSubject_NeverBecomesAHeader(string hostile)
    {
        using var rig = new SendingRig();
        var letter = SendingRig.SampleLetter with { Subject = hostile };
        var message = rig.Composer.Compose(letter, SendingRig.Anna with { Name = hostile }, SendingRig.Campaign).Message!.Message;
        using var wire = new MemoryStream();
        message.WriteTo(wire);
        var parsed = MimeMessage.Load(new MemoryStream(wire.ToArray()));
        Assert.Multiple(() =>
        {
            Assert.That(parsed.Headers.Contains(HeaderId.Bcc), Is.False);
            Assert.That(parsed.Headers.Count(h => h.Id == HeaderId.Subject), Is.EqualTo(1));
            Assert.That(parsed.Subject, Does.Not.Contain("\n"));
            Assert.That(parsed.To.Mailboxes.Single().Address, Is.EqualTo("anna@example.org"));
        });
    }

    [TestCase("anna@example.org\r\nRCPT TO:<x@example.net>")]
    [TestCase("Anna <anna@example.org>")]
    [TestCase("not an address")]
    public void Compose_UnusableAddress_FailsAsValue(string address)
    {
        using var rig = new SendingRig();
        var result = rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna with { Address = address }, SendingRig.Campaign);
        Assert.That((result.Message, result.Error), Is.EqualTo(((ComposedMessage?)null, "the recipient address is not a plain, valid address")));
    }
}
