using System.Globalization;
using Connector.Sending.Ledger;
using Connector.Sending.Smtp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Sending;

/// <summary>Per-transport messages/s and connection cap, per-recipient-domain rates: behaviour on a fake clock, no wall-clock bounds.</summary>
[Category("Peers")]
[CancelAfter(120_000)]
public sealed class ThrottleTests
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-11-22T12:00:00Z", CultureInfo.InvariantCulture);

    [Test]
    public void RateSlot_FourPerSecond_EvenlySpacedThenNowAfterAPause()
    {
        var time = new FakeTimeProvider(Noon);
        var sut = new RateSlot(4, time);
        var slots = Enumerable.Range(0, 3).Select(_ => sut.Reserve()).ToList();
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Multiple(() =>
        {
            Assert.That(slots, Is.EqualTo(new[] { Noon, Noon.AddMilliseconds(250), Noon.AddMilliseconds(500) }));
            Assert.That(sut.Reserve(), Is.EqualTo(time.GetUtcNow()));
        });
    }

    [Test]
    public async Task RateLimits_ConfiguredDomain_SecondMessageWaitsForItsSlotOtherDomainsDoNot()
    {
        var time = new FakeTimeProvider(Noon);
        var sut = RateLimits.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sending:DomainRates:gmail.com"] = "2", ["Sending:DomainRates:mail.ru"] = "5", ["Sending:DomainRates:yandex.ru"] = "5",
        }).Build(), time);

        await sut.WaitAsync("gmail.com", TestContext.CurrentContext.CancellationToken);
        var second = sut.WaitAsync("GMAIL.com", TestContext.CurrentContext.CancellationToken);
        var other = sut.WaitAsync("example.org", TestContext.CurrentContext.CancellationToken);
        var mailRu = sut.WaitAsync("mail.ru", TestContext.CurrentContext.CancellationToken);
        await Task.Delay(50);
        var waitedBeforeAdvance = second.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(500));
        await second;
        Assert.Multiple(() =>
        {
            Assert.That(waitedBeforeAdvance, Is.False, "gmail.com at 2/s: the second message waits half a second");
            Assert.That((other.IsCompleted, mailRu.IsCompleted), Is.EqualTo((true, true)));
        });
    }

    [Test]
    public async Task SendAsync_TransportAtOnePerSecond_NextMessageWaitsForTheClock()
    {
        var time = new FakeTimeProvider(Noon);
        using var rig = new SendingRig();
        await using var sink = await SmtpSink.StartAsync(dump: false);
        await using var transport = new SmtpDeliveryTransport(new SmtpOptions { Host = "127.0.0.1", Port = sink.Port, Security = SmtpSecurity.None, MessagesPerSecond = 1 }, time);
        var message = rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!;

        var first = await transport.SendAsync(message, null, TestContext.CurrentContext.CancellationToken);
        var second = transport.SendAsync(message, null, TestContext.CurrentContext.CancellationToken);
        await Task.Delay(300);
        var waited = !second.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Multiple(async () =>
        {
            Assert.That(first.Status, Is.EqualTo(DeliveryStatus.Accepted));
            Assert.That(waited, Is.True);
            Assert.That((await second).Status, Is.EqualTo(DeliveryStatus.Accepted));
        });
    }

    [Test]
    public async Task SendAsync_EightAtOnceWithTwoConnectionsAllowed_NeverMoreThanTwoConnections()
    {
        using var rig = new SendingRig();
        await using var sink = await SmtpSink.StartAsync(dump: false);
        await using var transport = new SmtpDeliveryTransport(new SmtpOptions { Host = "127.0.0.1", Port = sink.Port, Security = SmtpSecurity.None, MaxConnections = 2 }, TimeProvider.System);
        var messages = Enumerable.Range(0, 8).Select(_ => rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!).ToList();
        var results = await Task.WhenAll(messages.Select(m => Task.Run(() => transport.SendAsync(m, null, TestContext.CurrentContext.CancellationToken))));
        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Status), Is.All.EqualTo(DeliveryStatus.Accepted));
            Assert.That(transport.PeakConnectionsInUse, Is.InRange(1, 2));
            Assert.That(transport.Connects, Is.InRange(1, 2));
        });
    }
}
