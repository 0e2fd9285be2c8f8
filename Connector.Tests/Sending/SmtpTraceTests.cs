using Connector.Sending.Smtp;

namespace Connector.Tests.Sending;

/// <summary>
/// The SMTP conversation as traced on the client (one entry per socket write) and as smtp-sink recorded the envelope
/// (its X-Mail-Args / X-Rcpt-Args dump lines): PIPELINING used when offered, DSN asked for when offered, neither when not.
/// </summary>
[Category("Peers")]
[CancelAfter(120_000)]
public sealed class SmtpTraceTests
{
    private static async Task<(DeliveryResult Result, WriteRecorder Trace, string Captured)> SendTracedAsync(params string[] sinkArgs)
    {
        using var rig = new SendingRig();
        await using var sink = await SmtpSink.StartAsync(sinkArgs);
        var trace = new WriteRecorder();
        await using var transport = new SmtpDeliveryTransport(new SmtpOptions
        {
            Host = "127.0.0.1", Port = sink.Port, Security = SmtpSecurity.None, ProtocolLogger = () => trace,
        }, TimeProvider.System);
        var result = await transport.SendAsync(rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!, "4711", TestContext.CurrentContext.CancellationToken);
        var captured = result.Status == DeliveryStatus.Accepted ? (await sink.WaitForMessagesAsync(1))[0] : string.Empty;
        return (result, trace, captured);
    }

    private static string Write(WriteRecorder trace, string command) => trace.ClientWrites.First(w => w.Contains(command, StringComparison.Ordinal));

    [Test]
    public async Task SendAsync_ServerOffersPipelining_EnvelopeCommandsInOneWrite()
    {
        var (result, trace, _) = await SendTracedAsync();
        TestContext.Out.WriteLine(string.Join("\n", trace.ClientWrites.Where(w => w.Length < 400)));
        var mail = Write(trace, "MAIL FROM:");
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(DeliveryStatus.Accepted), result.Detail);
            Assert.That(trace.Conversation, Does.Contain("250-PIPELINING"));
            Assert.That(mail, Does.Contain("\r\nRCPT TO:<anna@example.org>"), "MAIL FROM and RCPT TO leave in one write");
            // MailKit 4.18 waits for the envelope replies before DATA (one round trip saved of four, deliverability.md §6.3).
            Assert.That(mail, Does.Not.Contain("DATA"));
            Assert.That(trace.ClientWrites, Has.Some.EqualTo("C: DATA\r\n"));
        });
    }

    [Test]
    public async Task SendAsync_ServerWithoutPipelining_OneCommandPerWriteAndAccepted()
    {
        var (result, trace, captured) = await SendTracedAsync("-p");
        var mail = Write(trace, "MAIL FROM:");
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(DeliveryStatus.Accepted), result.Detail);
            Assert.That(trace.Conversation, Does.Not.Contain("PIPELINING"));
            Assert.That(mail, Does.Not.Contain("RCPT TO:"));
            Assert.That(Write(trace, "RCPT TO:"), Does.Not.Contain("DATA"));
            Assert.That(trace.ClientWrites, Has.Some.EqualTo("C: DATA\r\n"));
            Assert.That(captured, Does.Contain("Subject: Your November picks, Anna"));
        });
    }

    [Test]
    public async Task SendAsync_ServerOffersDsn_HeadersOnlyEnvelopeIdAndFailureDelayNotify()
    {
        var (result, trace, captured) = await SendTracedAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(DeliveryStatus.Accepted), result.Detail);
            Assert.That(trace.Conversation, Does.Contain("250-DSN"));
            Assert.That(Write(trace, "MAIL FROM:"), Does.Match(@"MAIL FROM:<bounce\+[^>]+@bounces\.example\.com> ENVID=4711 RET=HDRS\r\n"));
            Assert.That(Write(trace, "RCPT TO:"), Does.Contain("RCPT TO:<anna@example.org> NOTIFY=FAILURE,DELAY ORCPT=rfc822;anna@example.org\r\n"));
            Assert.That(captured, Does.Match(@"\r\nX-Mail-Args: <bounce\+[^>]+> ENVID=4711 RET=HDRS\r\n"), "smtp-sink saw the MAIL parameters");
            Assert.That(captured, Does.Contain("\r\nX-Rcpt-Args: <anna@example.org> NOTIFY=FAILURE,DELAY ORCPT=rfc822;anna@example.org\r\n"), "smtp-sink saw the RCPT parameters");
        });
    }

    [Test]
    public async Task SendAsync_ServerWithoutDsn_NoDsnParametersAndAccepted()
    {
        var (result, trace, captured) = await SendTracedAsync("-N");
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(DeliveryStatus.Accepted), result.Detail);
            Assert.That(trace.Conversation, Does.Not.Contain("250-DSN"));
            Assert.That(trace.Conversation, Does.Not.Contain("RET=").And.Not.Contain("ENVID=").And.Not.Contain("NOTIFY="));
            Assert.That(captured, Does.Match(@"\r\nX-Mail-Args: <bounce\+[^>]+>\r\n"));
            Assert.That(captured, Does.Contain("\r\nX-Rcpt-Args: <anna@example.org>\r\n"));
        });
    }
}
