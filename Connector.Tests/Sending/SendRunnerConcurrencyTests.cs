using System.Globalization;
using System.Text.RegularExpressions;
using Connector.Sending.Composing;
using Connector.Sending.Ledger;
using Connector.Sending.Smtp;
using Connector.Store;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Sending;

/// <summary>Several runners (and several workers) on one store file: at most once, leases, the frequency cap and the warm-up budget.</summary>
[Category("Peers")]
[CancelAfter(120_000)]
public sealed class SendRunnerConcurrencyTests
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-11-22T12:00:00Z", CultureInfo.InvariantCulture);

    private static Func<MessageComposer> Composer(SendingRig rig, TimeProvider time) => () => new(rig.Settings, rig.Tokens, null, time);

    [Test]
    public async Task RunAsync_TwoRunnersOnOneStoreSameCampaign_EveryRecipientExactlyOnce()
    {
        var time = TimeProvider.System;
        using var rig = new SendingRig();
        using var ledger = new LedgerRig(time);
        await using var sink = await SmtpSink.StartAsync();
        await ledger.Ledger.EnqueueAsync("campaign:7", LedgerRig.Recipients(400), time.GetUtcNow(), TimeSpan.FromDays(1), TestContext.CurrentContext.CancellationToken);
        var options = new SmtpOptions { Host = "127.0.0.1", Port = sink.Port, Security = SmtpSecurity.None };
        await using var one = new SmtpDeliveryTransport(options, TimeProvider.System);
        await using var two = new SmtpDeliveryTransport(options, TimeProvider.System);
        // Each runner has its own connections to the file, as two processes would.
        var secondStore = new SendLedgerStore(new SqliteConnectionFactory(ledger.Connections.FilePath), time);
        var runners = new[]
        {
            new SendRunner(ledger.Ledger, Composer(rig, time), one, new LedgerRig.SampleLetters(), time, new SendRunnerOptions { Workers = 2, BatchSize = 20, SendKey = "campaign:7" }),
            new SendRunner(secondStore, Composer(rig, time), two, new LedgerRig.SampleLetters(), time, new SendRunnerOptions { Workers = 2, BatchSize = 20, SendKey = "campaign:7" }),
        };

        var summaries = await Task.WhenAll(runners.Select(r => Task.Run(() => r.RunAsync(TestContext.CurrentContext.CancellationToken))));
        var rows = await ledger.Ledger.RowsAsync("campaign:7", TestContext.CurrentContext.CancellationToken);
        var captured = (await sink.WaitForMessagesAsync(400)).Select(m => Regex.Match(m, @"\r\nTo: (\S+)\r\n").Groups[1].Value).ToList();
        TestContext.Out.WriteLine(string.Join("; ", summaries.Select(s => s.ToString())));
        Assert.Multiple(() =>
        {
            Assert.That(captured, Has.Count.EqualTo(400));
            Assert.That(captured, Is.Unique);
            Assert.That(rows.Select(r => r.State), Is.All.EqualTo(LedgerState.Sent));
            Assert.That(rows.Select(r => r.Owner), Is.All.Null);
            Assert.That(summaries.Sum(s => s.Sent), Is.EqualTo(400));
            Assert.That(summaries.Select(s => s.Sent), Is.All.GreaterThan(0), "both runners took part");
            Assert.That(summaries.Select(s => (s.Abandoned, s.Failed)), Is.All.EqualTo((0, 0)));
        });
    }

    [TestCase(2, 2, 0)]
    [TestCase(0.25, 0, 3)]
    public async Task RunAsync_OtherRunnerLeaseExpiredOrAlive_ItsSendingRowsUnknownOnlyWhenExpired(double minutesLater, int abandoned, int leftToTheOther)
    {
        var time = new FakeTimeProvider(Noon);
        using var rig = new SendingRig(time);
        using var ledger = new LedgerRig(time);
        await ledger.Ledger.EnqueueAsync("campaign:1", LedgerRig.Recipients(10), time.GetUtcNow(), TimeSpan.FromDays(1), TestContext.CurrentContext.CancellationToken);
        // A runner reserves five rows, hands two to SMTP, then stops answering (killed, or just slow).
        var other = await ledger.Ledger.ReserveAsync(new ReservePolicy("other-runner", TimeSpan.FromMinutes(1), 5), TestContext.CurrentContext.CancellationToken);
        foreach (var row in other.Rows.Take(2))
        {
            Assert.That(await ledger.Ledger.MarkSendingAsync(row.Id, "other-runner", TestContext.CurrentContext.CancellationToken), Is.True);
        }

        time.Advance(TimeSpan.FromMinutes(minutesLater));
        var folder = Directory.CreateTempSubdirectory("pickup-").FullName;
        var summary = await new SendRunner(ledger.Ledger, Composer(rig, time), new PickupFolderTransport(folder), new LedgerRig.SampleLetters(), time).RunAsync(TestContext.CurrentContext.CancellationToken);
        var rows = await ledger.Ledger.RowsAsync("campaign:1", TestContext.CurrentContext.CancellationToken);
        var delivered = Directory.GetFiles(folder, "*.eml").Select(f => Regex.Match(File.ReadAllText(f), @"X-Envelope-To: <([^>]+)>").Groups[1].Value).ToList();
        var inFlight = other.Rows.Take(2).Select(r => r.Recipient).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(summary.Abandoned, Is.EqualTo(abandoned));
            Assert.That(delivered, Has.None.AnyOf(inFlight.Cast<object>().ToArray()), "a row handed to SMTP by another runner is never resent");
            Assert.That(delivered, Has.Count.EqualTo(10 - 2 - leftToTheOther));
            Assert.That(rows.Where(r => inFlight.Contains(r.Recipient)).Select(r => r.State),
                Is.All.EqualTo(abandoned > 0 ? LedgerState.Unknown : LedgerState.Sending));
            Assert.That(rows.Count(r => r.Owner == "other-runner"), Is.EqualTo(abandoned > 0 ? 0 : 5));
        });
        if (abandoned > 0)
        {
            Assert.That(rows.Where(r => inFlight.Contains(r.Recipient)).Select(r => r.Detail), Is.All.EqualTo(SendLedgerStore.AbandonedDetail));
        }

        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task ReserveAsync_LeaseRenewedInTime_RowsStayTheRunnersOtherwiseTakenOverAndNotSendable()
    {
        var time = new FakeTimeProvider(Noon);
        using var ledger = new LedgerRig(time);
        await ledger.Ledger.EnqueueAsync("campaign:1", LedgerRig.Recipients(4), time.GetUtcNow(), TimeSpan.FromDays(1), TestContext.CurrentContext.CancellationToken);
        var lease = TimeSpan.FromMinutes(1);
        var held = await ledger.Ledger.ReserveAsync(new ReservePolicy("a", lease, 2), TestContext.CurrentContext.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(50));
        await ledger.Ledger.RenewLeaseAsync("a", lease, TestContext.CurrentContext.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(50));
        var whileAlive = await ledger.Ledger.ReserveAsync(new ReservePolicy("b", lease, 10), TestContext.CurrentContext.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(2));
        var afterLapse = await ledger.Ledger.ReserveAsync(new ReservePolicy("b", lease, 10), TestContext.CurrentContext.CancellationToken);
        var late = await ledger.Ledger.MarkSendingAsync(held.Rows[0].Id, "a", TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(held.Rows, Has.Count.EqualTo(2));
            Assert.That(whileAlive.Rows.Select(r => r.Id), Has.None.AnyOf(held.Rows.Select(r => (object)r.Id).ToArray()), "a renewed lease keeps the rows");
            Assert.That(whileAlive.Rows, Has.Count.EqualTo(2));
            Assert.That(afterLapse.Rows.Select(r => r.Id), Is.SupersetOf(held.Rows.Select(r => r.Id)), "a lapsed lease's reservations go back to the queue");
            Assert.That(late, Is.False, "the lapsed runner can no longer send what it had reserved");
        });
    }

    [Test]
    public async Task RunAsync_FourWorkersOneContactWithSeveralDueKeys_CapHoldsExactly()
    {
        var time = new FakeTimeProvider(Noon);
        using var rig = new SendingRig(time);
        using var ledger = new LedgerRig(time);
        foreach (var key in Enumerable.Range(1, 6).Select(i => $"step:{i}:enrollment:1"))
        {
            await ledger.Ledger.EnqueueAsync(key, [("anna@example.org", 1001L)], time.GetUtcNow(), TimeSpan.FromDays(3), TestContext.CurrentContext.CancellationToken);
        }

        await ledger.Ledger.EnqueueAsync("receipt:1", MailKind.Transactional, [("anna@example.org", 1001L)], time.GetUtcNow(), null, TestContext.CurrentContext.CancellationToken);
        await ledger.Ledger.EnqueueAsync("campaign:1", LedgerRig.Recipients(20), time.GetUtcNow(), TimeSpan.FromDays(3), TestContext.CurrentContext.CancellationToken);
        var folder = Directory.CreateTempSubdirectory("pickup-").FullName;
        var options = new SendRunnerOptions { Workers = 4, Cap = new FrequencyCap(2, 4) };
        var today = await new SendRunner(ledger.Ledger, Composer(rig, time), new PickupFolderTransport(folder), new LedgerRig.SampleLetters(), time, options).RunAsync(TestContext.CurrentContext.CancellationToken);
        var toAnnaToday = Directory.GetFiles(folder, "*.eml").Count(f => File.ReadAllText(f).Contains("X-Envelope-To: <anna@example.org>", StringComparison.Ordinal));
        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var tomorrow = await new SendRunner(ledger.Ledger, Composer(rig, time), new PickupFolderTransport(folder), new LedgerRig.SampleLetters(), time, options).RunAsync(TestContext.CurrentContext.CancellationToken);
        var toAnna = Directory.GetFiles(folder, "*.eml").Count(f => File.ReadAllText(f).Contains("X-Envelope-To: <anna@example.org>", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(toAnnaToday, Is.EqualTo(3), "two marketing messages (the cap) and the exempt transactional one");
            Assert.That((today.Sent, today.Deferred), Is.EqualTo((23, 4)));
            Assert.That(toAnna, Is.EqualTo(5), "the weekly cap of four allows two more the next day");
            Assert.That(tomorrow.Sent, Is.EqualTo(2));
        });
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task RunAsync_TwoRunnersOneContactManyKeys_CapHoldsAcrossRunners()
    {
        var time = TimeProvider.System;
        using var rig = new SendingRig();
        using var ledger = new LedgerRig(time);
        foreach (var key in Enumerable.Range(1, 8).Select(i => $"step:{i}:enrollment:1"))
        {
            await ledger.Ledger.EnqueueAsync(key, [("anna@example.org", 1001L)], time.GetUtcNow(), TimeSpan.FromDays(3), TestContext.CurrentContext.CancellationToken);
        }

        var folder = Directory.CreateTempSubdirectory("pickup-").FullName;
        var options = new SendRunnerOptions { Workers = 3, BatchSize = 1, Cap = new FrequencyCap(1, 0) };
        var runners = Enumerable.Range(0, 2).Select(_ => new SendRunner(ledger.Ledger, Composer(rig, time), new PickupFolderTransport(folder), new LedgerRig.SampleLetters(), time, options));
        var summaries = await Task.WhenAll(runners.Select(r => Task.Run(() => r.RunAsync(TestContext.CurrentContext.CancellationToken))));
        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFiles(folder, "*.eml"), Has.Length.EqualTo(1));
            Assert.That((summaries.Sum(s => s.Sent), summaries.Sum(s => s.Deferred)), Is.EqualTo((1, 7)));
        });
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task RunAsync_WarmUpPerSendingDomain_EachDomainHasItsOwnBudget()
    {
        var time = new FakeTimeProvider(Noon);
        using var rig = new SendingRig(time);
        using var ledger = new LedgerRig(time);
        var plan = new WarmUpPlan(WarmUp.None, new Dictionary<string, WarmUp>
        {
            ["shop.example.com"] = new(Noon, FirstDay: 3, Growth: 2),
            ["news.example.net"] = new(Noon.AddDays(-1), FirstDay: 3, Growth: 2),
        });
        await ledger.Ledger.EnqueueAsync("campaign:shop", LedgerRig.Recipients(10), time.GetUtcNow(), TimeSpan.FromDays(3), TestContext.CurrentContext.CancellationToken);
        await ledger.Ledger.EnqueueAsync("campaign:news", LedgerRig.Recipients(10), time.GetUtcNow(), TimeSpan.FromDays(3), TestContext.CurrentContext.CancellationToken);
        await ledger.Ledger.EnqueueAsync("campaign:old", LedgerRig.Recipients(10), time.GetUtcNow(), TimeSpan.FromDays(3), TestContext.CurrentContext.CancellationToken);
        var folder = Directory.CreateTempSubdirectory("pickup-").FullName;
        SendRunner Runner(string key, string domain) => new(ledger.Ledger, Composer(rig, time), new PickupFolderTransport(folder), new LedgerRig.SampleLetters(), time,
            new SendRunnerOptions { Workers = 2, SendKey = key, SenderDomain = domain, WarmUp = plan });

        var shop = await Runner("campaign:shop", "shop.example.com").RunAsync(TestContext.CurrentContext.CancellationToken);
        var news = await Runner("campaign:news", "news.example.net").RunAsync(TestContext.CurrentContext.CancellationToken);
        var old = await Runner("campaign:old", "example.org").RunAsync(TestContext.CurrentContext.CancellationToken);
        var shopAgain = await Runner("campaign:shop", "shop.example.com").RunAsync(TestContext.CurrentContext.CancellationToken);
        var held = (await ledger.Ledger.RowsAsync("campaign:shop", TestContext.CurrentContext.CancellationToken)).Where(r => r.State == LedgerState.Deferred).ToList();
        time.Advance(TimeSpan.FromDays(1));
        var shopTomorrow = await Runner("campaign:shop", "shop.example.com").RunAsync(TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That((shop.Sent, shop.Deferred), Is.EqualTo((3, 7)), "day 0 of shop.example.com: 3");
            Assert.That((news.Sent, news.Deferred), Is.EqualTo((6, 4)), "day 1 of news.example.net: 3 × 2");
            Assert.That(old.Sent, Is.EqualTo(10), "a domain without a ramp is not held");
            Assert.That(shopAgain.Sent, Is.Zero);
            Assert.That(held.Select(r => (r.Attempts, r.Detail)), Is.All.EqualTo((0L, "warm-up budget of 3 a day reached")));
            Assert.That(shopTomorrow.Sent, Is.EqualTo(6));
        });
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task RunAsync_TwoRunnersSameSendingDomain_ShareOneWarmUpBudget()
    {
        var time = TimeProvider.System;
        using var rig = new SendingRig();
        using var ledger = new LedgerRig(time);
        await ledger.Ledger.EnqueueAsync("campaign:1", LedgerRig.Recipients(30), time.GetUtcNow(), TimeSpan.FromDays(3), TestContext.CurrentContext.CancellationToken);
        var folder = Directory.CreateTempSubdirectory("pickup-").FullName;
        var options = new SendRunnerOptions { Workers = 2, BatchSize = 4, SenderDomain = "example.com", WarmUp = WarmUpPlan.Everywhere(new WarmUp(time.GetUtcNow(), 10, 1.4)) };
        var runners = Enumerable.Range(0, 2).Select(_ => new SendRunner(ledger.Ledger, Composer(rig, time), new PickupFolderTransport(folder), new LedgerRig.SampleLetters(), time, options));
        var summaries = await Task.WhenAll(runners.Select(r => Task.Run(() => r.RunAsync(TestContext.CurrentContext.CancellationToken))));
        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFiles(folder, "*.eml"), Has.Length.EqualTo(10));
            Assert.That((summaries.Sum(s => s.Sent), summaries.Sum(s => s.Deferred)), Is.EqualTo((10, 20)));
        });
        Directory.Delete(folder, recursive: true);
    }
}
