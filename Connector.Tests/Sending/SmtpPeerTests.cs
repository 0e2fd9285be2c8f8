using Connector.Tests.TestSupport;
using Connector.Sending.Composing;
using Connector.Sending.Smtp;

namespace Connector.Tests.Sending;

/// <summary>Messages the connector sends, as captured by Postfix's smtp-sink, checked by independent verifiers.</summary>
[Category("Peers")]
[CancelAfter(120_000)]
public sealed class SmtpPeerTests
{
    [Test]
    public async Task SendAsync_CapturedBySmtpSink_BothDkimSignaturesPassDkimpyAndRsaPassesMailDkim()
    {
        using var rig = new SendingRig();
        await using var sink = await SmtpSink.StartAsync();
        await using var transport = new SmtpDeliveryTransport(new SmtpOptions { Host = "127.0.0.1", Port = sink.Port, Security = SmtpSecurity.None }, TimeProvider.System);
        foreach (var context in new[] { SendingRig.Campaign, SendingRig.Scenario })
        {
            var result = await transport.SendAsync(rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, context).Message!, null, TestContext.CurrentContext.CancellationToken);
            Assert.That(result.Status, Is.EqualTo(DeliveryStatus.Accepted), result.Detail);
        }

        var captured = await sink.WaitForMessagesAsync(2);
        Assert.That((captured.Count, transport.Connects), Is.EqualTo((2, 1)));
        foreach (var message in captured)
        {
            var file = WriteTemp(message);
            var python = await Peers.RunAsync("/usr/bin/python3", [Peers.Script("verify_dkim.py"), file, .. rig.VerifierKeyArguments()]);
            var perl = await Peers.RunAsync("perl", [Peers.Script("verify_dkim.pl"), file, .. rig.VerifierKeyArguments()]);
            TestContext.Out.WriteLine(python.Output + perl.Output);
            Assert.Multiple(() =>
            {
                Assert.That(python.ExitCode, Is.Zero, python.Output);
                Assert.That(python.Output, Does.Contain("a=rsa-sha256").And.Contain("a=ed25519-sha256"));
                Assert.That(python.Output, Does.Contain("c=relaxed/relaxed"));
                Assert.That(python.Output, Does.Contain("list-unsubscribe:").And.Contain("list-unsubscribe-post").IgnoreCase);
                Assert.That(python.Output, Does.Contain("feedback-id").IgnoreCase);
                Assert.That(perl.Output, Does.Match(@"rsa-sha256 d=example\.com s=rsa-20261122 -> pass"));
            });
            File.Delete(file);
        }
    }

    [Test]
    public async Task SendAsync_CapturedMessage_PassesStrictHeaderSanity()
    {
        using var rig = new SendingRig();
        await using var sink = await SmtpSink.StartAsync();
        await using var transport = new SmtpDeliveryTransport(new SmtpOptions { Host = "127.0.0.1", Port = sink.Port, Security = SmtpSecurity.None }, TimeProvider.System);
        var letter = SendingRig.SampleLetter with { Subject = "Привет, Анна!\r\nBcc: x@example.net" };
        var recipient = SendingRig.Anna with { Name = "Анна <script>\r\nX-Evil: 1" };
        await transport.SendAsync(rig.Composer.Compose(letter, recipient, SendingRig.Campaign).Message!, null, TestContext.CurrentContext.CancellationToken);
        var file = WriteTemp((await sink.WaitForMessagesAsync(1))[0]);
        var check = await Peers.RunAsync("/usr/bin/python3", [Peers.Script("check_headers.py"), file]);
        Assert.That((check.ExitCode, check.Output.Trim()), Is.EqualTo((0, "ok")));
        File.Delete(file);
    }

    [Test]
    public async Task SendAsync_RealisticCampaign_SpamAssassinScoresBelowOne()
    {
        using var rig = new SendingRig();
        await using var spamd = await Spamd.StartAsync();
        await using var sink = await SmtpSink.StartAsync();
        await using var transport = new SmtpDeliveryTransport(new SmtpOptions { Host = "127.0.0.1", Port = sink.Port, Security = SmtpSecurity.None }, TimeProvider.System);
        await transport.SendAsync(rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!, null, TestContext.CurrentContext.CancellationToken);
        var (code, score, report) = await spamd.CheckAsync((await sink.WaitForMessagesAsync(1))[0]);
        TestContext.Out.WriteLine(report);
        TestContext.Out.WriteLine("html chars: " + SendingRig.SampleLetter.Html.Length);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.EqualTo(69), "spamd unreachable");
            Assert.That(score, Is.LessThan(1.0), report);
            Assert.That(PositivePoints(report), Is.LessThan(1.0), report);
        });
    }

    [TestCase(new[] { "-f", "RCPT", "-B", "550 5.1.1 User unknown" }, DeliveryStatus.HardReject, "5.1.1")]
    [TestCase(new[] { "-r", "RCPT", "-b", "452 4.2.2 Mailbox full" }, DeliveryStatus.Deferred, "4.2.2")]
    [TestCase(new[] { "-f", "DATA", "-B", "550 5.7.26 Unauthenticated email is not accepted" }, DeliveryStatus.PolicyBlock, "5.7.26")]
    [TestCase(new[] { "-r", "MAIL", "-b", "421 4.7.0 Try again later, closing connection" }, DeliveryStatus.PolicyBlock, "4.7.0")]
    [TestCase(new[] { "-f", "RCPT", "-E", "-B", "550 User unknown" }, DeliveryStatus.HardReject, null)]
    [TestCase(new[] { "-Q", "DATA" }, DeliveryStatus.Deferred, "4.0.0")]
    [TestCase(new[] { "-q", "DATA" }, DeliveryStatus.ConnectionFailure, null)]
    [TestCase(new[] { "-p" }, DeliveryStatus.Accepted, null)]
    [TestCase(new[] { "-N", "-E", "-8" }, DeliveryStatus.Accepted, null)]
    public async Task SendAsync_SmtpSinkFaultMode_Classified(string[] faults, DeliveryStatus expected, string? enhanced)
    {
        using var rig = new SendingRig();
        await using var sink = await SmtpSink.StartAsync(faults);
        await using var transport = new SmtpDeliveryTransport(new SmtpOptions { Host = "127.0.0.1", Port = sink.Port, Security = SmtpSecurity.None }, TimeProvider.System);
        var result = await transport.SendAsync(rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!, null, TestContext.CurrentContext.CancellationToken);
        Assert.That((result.Status, result.EnhancedCode), Is.EqualTo((expected, enhanced)), result.Detail);
    }

    [Test]
    public async Task SendAsync_NothingListening_UnreachableAndPaused()
    {
        using var rig = new SendingRig();
        await using var transport = new SmtpDeliveryTransport(new SmtpOptions { Host = "127.0.0.1", Port = TestPorts.Free(), Security = SmtpSecurity.None }, TimeProvider.System);
        var result = await transport.SendAsync(rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!, null, TestContext.CurrentContext.CancellationToken);
        var again = await transport.SendAsync(rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!, null, TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That((result.Status, again.Status), Is.EqualTo((DeliveryStatus.Unreachable, DeliveryStatus.Unreachable)));
            Assert.That(again.Detail, Does.StartWith("paused after failing to connect"), "the second message does not try to connect");
            Assert.That(again.RetryAt, Is.EqualTo(result.RetryAt));
        });
    }

    // Loopback delivery earns ALL_TRUSTED (-1.0), which real recipients never give; the positive rules alone must stay low.
    private static double PositivePoints(string report) =>
        report.Split('\n').Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^\s*(\d+\.\d+)\s+[A-Z_0-9]+\s"))
            .Where(m => m.Success).Sum(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    private static string WriteTemp(string message)
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, message);
        return file;
    }
}
