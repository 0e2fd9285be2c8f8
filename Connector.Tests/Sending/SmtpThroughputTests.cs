using System.Diagnostics;
using Connector.Sending.Composing;
using Connector.Sending.Smtp;

namespace Connector.Tests.Sending;

/// <summary>Guards against the Nagle regression (about 22 msg/s for 30 KB) and against signing becoming the bottleneck.</summary>
[Category("Peers")]
[NonParallelizable]
public sealed class SmtpThroughputTests
{
    [Test]
    public async Task SendAsync_3000MessagesOf30KbOnOneConnection_AtLeast1000PerSecond()
    {
        using var rig = new SendingRig();
        var composed = rig.Composer.Compose(ThirtyKilobyteLetter(), SendingRig.Anna, SendingRig.Campaign).Message!;
        using var wire = new MemoryStream();
        await composed.Message.WriteToAsync(wire);
        Assert.That(wire.Length, Is.InRange(28_000, 34_000));
        await using var sink = await SmtpSink.StartAsync(dump: false);
        await using var transport = new SmtpDeliveryTransport(new SmtpOptions { Host = "127.0.0.1", Port = sink.Port, Security = SmtpSecurity.None, MaxConnections = 1 });
        await transport.SendAsync(composed, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 3000; i++)
        {
            var result = await transport.SendAsync(composed, CancellationToken.None);
            Assert.That(result.Status, Is.EqualTo(DeliveryStatus.Accepted), result.Detail);
        }

        var rate = 3000 / clock.Elapsed.TotalSeconds;
        TestContext.Out.WriteLine($"SMTP, one connection, 30 KB: {rate:F0} msg/s, {transport.Connects} connect(s)");
        Assert.Multiple(() =>
        {
            Assert.That(rate, Is.GreaterThanOrEqualTo(1000));
            Assert.That(transport.Connects, Is.EqualTo(1));
        });
    }

    // Stock MimeKit RSA (BouncyCastle) would hold this near 100/s; AngleSharp parsing of the link-rich HTML is the next cost.
    [Test]
    public void Compose_30KbWithBothSignatures_AtLeast150PerSecond()
    {
        using var rig = new SendingRig();
        var letter = ThirtyKilobyteLetter();
        for (var i = 0; i < 50; i++)
        {
            rig.Composer.Compose(letter, SendingRig.Anna, SendingRig.Campaign);
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 500; i++)
        {
            rig.Composer.Compose(letter, SendingRig.Anna with { ContactId = i }, SendingRig.Campaign);
        }

        var rate = 500 / clock.Elapsed.TotalSeconds;
        TestContext.Out.WriteLine($"compose + RSA-2048 + Ed25519, 30 KB: {rate:F0} msg/s on one thread");
        Assert.That(rate, Is.GreaterThanOrEqualTo(150));
    }

    internal static Letter ThirtyKilobyteLetter()
    {
        var rows = string.Concat(Enumerable.Range(1, 36).Select(i =>
            $"""<tr><td style="padding:8px;font-family:Arial,sans-serif;font-size:14px;color:#333333">Item {i}: a well made thing you may like, with a short description of what it does and why.</td><td align="right" style="padding:8px"><a href="https://shop.example.com/p/{i}?utm_source=email" style="color:#1a73e8">Open</a></td></tr>""" + "\n"));
        var html = SendingRig.SampleLetter.Html.Replace("</td></tr></table></td></tr></table>", $"<table role=\"presentation\" width=\"100%\">{rows}</table></td></tr></table></td></tr></table>", StringComparison.Ordinal);
        return SendingRig.SampleLetter with { Html = html };
    }
}
