using Connector.Tests.TestSupport;
using Connector.Sending;
using Connector.Sending.Composing;
using Connector.Sending.Ledger;
using Connector.Sending.Smtp;
using Microsoft.Extensions.Configuration;

namespace Connector.Tests.Sending;

/// <summary>Named transports routed by the From domain (two smtp-sink instances): routing, failover at once, deferral when none is left.</summary>
[Category("Peers")]
[CancelAfter(120_000)]
public sealed class TransportRoutingTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    private static (string, string)[] Transport(string name, int port) =>
    [
        ($"Smtp:Transports:{name}:Host", "127.0.0.1"), ($"Smtp:Transports:{name}:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ($"Smtp:Transports:{name}:Security", "None"),
    ];

    private static ComposedMessage From(SendingRig rig, string fromAddress, string to = "anna@example.org") =>
        new MessageComposer(rig.Settings with { FromAddress = fromAddress }, rig.Tokens, null, TimeProvider.System)
            .Compose(SendingRig.SampleLetter, SendingRig.Anna with { Address = to }, SendingRig.Campaign).Message!;

    [Test]
    public async Task SendAsync_TwoRoutes_EachSenderDomainLeavesThroughItsTransport()
    {
        using var rig = new SendingRig();
        await using var first = await SmtpSink.StartAsync();
        await using var second = await SmtpSink.StartAsync();
        await using var transport = TransportTable.From(Configuration([.. Transport("eu", first.Port), .. Transport("ru", second.Port),
            ("Smtp:Routes:shop.example.com", "eu"), ("Smtp:Routes:news.example.ru", "ru")]), TimeProvider.System);

        var shop = await transport.SendAsync(From(rig, "hello@shop.example.com"), "1", TestContext.CurrentContext.CancellationToken);
        var news = await transport.SendAsync(From(rig, "digest@news.example.ru"), "2", TestContext.CurrentContext.CancellationToken);
        var viaFirst = await first.WaitForMessagesAsync(1);
        var viaSecond = await second.WaitForMessagesAsync(1);
        Assert.Multiple(() =>
        {
            Assert.That((shop.Status, news.Status), Is.EqualTo((DeliveryStatus.Accepted, DeliveryStatus.Accepted)));
            Assert.That((shop.Detail[..3], news.Detail[..3]), Is.EqualTo(("eu:", "ru:")));
            Assert.That(viaFirst.Single(), Does.Contain("From: Example Shop <hello@shop.example.com>"));
            Assert.That(viaSecond.Single(), Does.Contain("From: Example Shop <digest@news.example.ru>"));
        });
    }

    [Test]
    public async Task SendAsync_FirstTransportDown_DeliveredThroughTheSecondAtOnce()
    {
        using var rig = new SendingRig();
        await using var second = await SmtpSink.StartAsync();
        await using var transport = TransportTable.From(Configuration([.. Transport("primary", TestPorts.Free()), .. Transport("backup", second.Port),
            ("Smtp:Routes:example.com", "primary, backup")]), TimeProvider.System);

        var result = await transport.SendAsync(From(rig, "news@example.com"), "1", TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(async () =>
        {
            Assert.That(result.Status, Is.EqualTo(DeliveryStatus.Accepted), result.Detail);
            Assert.That(result.Detail, Does.StartWith("backup:"));
            Assert.That(await second.WaitForMessagesAsync(1), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task RunAsync_EveryTransportOfTheRouteDown_RowPutBackWithoutSpendingAnAttempt()
    {
        var time = TimeProvider.System;
        using var rig = new SendingRig();
        using var ledger = new LedgerRig(time);
        await ledger.Ledger.EnqueueAsync("campaign:1", LedgerRig.Recipients(1), time.GetUtcNow(), TimeSpan.FromDays(1), TestContext.CurrentContext.CancellationToken);
        await using var transport = TransportTable.From(Configuration([.. Transport("primary", TestPorts.Free()), .. Transport("backup", TestPorts.Free()),
            ("Smtp:Routes:example.com", "primary,backup")]), time);
        var summary = await new SendRunner(ledger.Ledger, () => rig.Composer, transport, new LedgerRig.SampleLetters(), time).RunAsync(TestContext.CurrentContext.CancellationToken);
        var row = (await ledger.Ledger.RowsAsync("campaign:1", TestContext.CurrentContext.CancellationToken)).Single();
        Assert.Multiple(() =>
        {
            Assert.That((summary.Deferred, summary.Remaining, summary.ExitCode), Is.EqualTo((1, 1, SendRunSummary.WorkRemainsExitCode)));
            Assert.That((row.State, row.Attempts, row.Owner), Is.EqualTo((LedgerState.Queued, 0L, (string?)null)), "nothing reached SMTP: no attempt spent");
            Assert.That(row.Detail, Does.StartWith($"{Connector.Sending.Ledger.SendLedgerStore.RelayUnreachable}: backup: "), "the last transport tried");
        });
    }

    [Test]
    public async Task SendAsync_PolicyBlockOnFirstTransport_ThatDomainPausedThereOnly()
    {
        using var rig = new SendingRig();
        await using var blocking = await SmtpSink.StartAsync("-f", "DATA", "-B", "550 5.7.26 Unauthenticated email is not accepted");
        await using var open = await SmtpSink.StartAsync();
        await using var transport = TransportTable.From(Configuration([.. Transport("a", blocking.Port), .. Transport("b", open.Port),
            ("Smtp:Routes:example.com", "a,b")]), TimeProvider.System);

        var blocked = await transport.SendAsync(From(rig, "news@example.com", "anna@gmail.example"), "1", TestContext.CurrentContext.CancellationToken);
        var sameDomain = await transport.SendAsync(From(rig, "news@example.com", "ivan@gmail.example"), "2", TestContext.CurrentContext.CancellationToken);
        var otherDomain = await transport.SendAsync(From(rig, "news@example.com", "olga@mail.example"), "3", TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(blocked.Status, Is.EqualTo(DeliveryStatus.PolicyBlock));
            Assert.That(blocked.Detail, Does.StartWith("a: 550"));
            Assert.That((sameDomain.Status, sameDomain.Detail[..2]), Is.EqualTo((DeliveryStatus.Accepted, "b:")), "gmail.example is paused on a only");
            Assert.That((otherDomain.Status, otherDomain.Detail[..2]), Is.EqualTo((DeliveryStatus.PolicyBlock, "a:")), "other domains still use a first");
        });
    }

    [Test]
    public void From_LegacySmtpKeysOnly_OneSmtpTransport()
    {
        var transport = TransportTable.From(Configuration(("Smtp:Host", "127.0.0.1"), ("Smtp:Port", "2525"), ("Smtp:Security", "None")), TimeProvider.System);
        Assert.That(transport, Is.TypeOf<SmtpDeliveryTransport>());
    }

    [Test]
    public void From_DefaultPlusNamedTransport_DefaultRouteIsTheSmtpKeys()
    {
        var transport = (RoutedTransport)TransportTable.From(Configuration([("Smtp:Host", "relay.example.com"), .. Transport("bulk", 2526),
            ("Smtp:Routes:news.example.com", "bulk,default")]), TimeProvider.System);
        Assert.Multiple(() =>
        {
            Assert.That(transport.RouteFor("news.example.com"), Is.EqualTo(new[] { "bulk", "default" }));
            Assert.That(transport.RouteFor("example.com"), Is.EqualTo(new[] { TransportTable.DefaultName }));
        });
    }

    [Test]
    public void From_RouteToUnknownTransport_FailsNamingTheKey() =>
        Assert.That(() => TransportTable.From(Configuration([.. Transport("bulk", 2526), ("Smtp:Routes:example.com", "bulk,nope")]), TimeProvider.System),
            Throws.InvalidOperationException.With.Message.StartsWith("Smtp:Routes:example.com must list known transports"));

    [Test]
    public void SmtpOptions_NamedTransport_ReadsItsOwnKeysAndNeverShowsThePassword()
    {
        var options = SmtpOptions.From(Configuration(("Smtp:Transports:bulk:Host", "smtp.example.net"), ("Smtp:Transports:bulk:Password", "s3cret"),
            ("Smtp:Transports:bulk:User", "u"), ("Smtp:Transports:bulk:MaxConnections", "8"), ("Smtp:Transports:bulk:MessagesPerSecond", "12.5")).GetSection("Smtp:Transports:bulk"), "bulk", "Smtp:Transports:bulk");
        Assert.Multiple(() =>
        {
            Assert.That((options.Name, options.Host, options.MaxConnections, options.MessagesPerSecond), Is.EqualTo(("bulk", "smtp.example.net", 8, 12.5)));
            Assert.That(options.ToString(), Does.Not.Contain("s3cret"));
        });
    }
}
