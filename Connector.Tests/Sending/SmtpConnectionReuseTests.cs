using Connector.Sending.Smtp;

namespace Connector.Tests.Sending;

/// <summary>
/// The two causes of slow sending the deliverability notes measured — Nagle on, and a connection per message — as
/// behaviour checks; the speed itself is measured by scripts/bench-send.sh, not asserted here.
/// </summary>
[Category("Peers")]
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class SmtpConnectionReuseTests
{
    [Test]
    public void CreateSocket_Always_NagleOff()
    {
        using var socket = SmtpDeliveryTransport.CreateSocket();

        Assert.That(socket.NoDelay, Is.True);
    }

    [Test]
    public async Task SendAsync_3000MessagesOnOneTransport_OneConnectionReused()
    {
        using var rig = new SendingRig();
        var composed = rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!;
        await using var sink = await SmtpSink.StartAsync(dump: false);
        await using var transport = new SmtpDeliveryTransport(new SmtpOptions { Host = "127.0.0.1", Port = sink.Port, Security = SmtpSecurity.None, MaxConnections = 1 }, TimeProvider.System);

        var statuses = new List<DeliveryStatus>();
        for (var i = 0; i < 3000; i++)
        {
            statuses.Add((await transport.SendAsync(composed, null, TestContext.CurrentContext.CancellationToken)).Status);
        }

        Assert.Multiple(() =>
        {
            Assert.That(statuses, Is.All.EqualTo(DeliveryStatus.Accepted));
            Assert.That(transport.Connects, Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task SendAsync_PooledConnectionClosedByTheRelay_SentOverANewConnectionNotFailed(CancellationToken cancellationToken)
    {
        using var rig = new SendingRig();
        var composed = rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!;
        // A relay that closes every connection after its 250 (a restart between two messages, or an idle timeout).
        await using var peer = new ScriptedSmtpPeer(_ => ScriptedSmtpPeer.Action.AcceptThenClose);
        await using var transport = new SmtpDeliveryTransport(new SmtpOptions { Host = "127.0.0.1", Port = peer.Port, Security = SmtpSecurity.None, MaxConnections = 1 }, TimeProvider.System);

        var statuses = new List<DeliveryStatus>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await transport.SendAsync(composed, null, cancellationToken)).Status);
        }

        Assert.Multiple(() =>
        {
            Assert.That(statuses, Is.All.EqualTo(DeliveryStatus.Accepted));
            Assert.That(peer.Bodies, Has.Count.EqualTo(3), "each message once");
            Assert.That(transport.Connects, Is.EqualTo(3));
        });
    }
}
