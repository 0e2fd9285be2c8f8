using Connector.Sending.Composing;
using Connector.Sending.Ledger;
using Connector.Sending.Smtp;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Sending;

[Category("Peers")]
[CancelAfter(120_000)]
public sealed class SendRunnerTests
{
    [TestCase(false, 2000, 0)]
    [TestCase(true, 2000, 1)]
    public async Task RunAsync_CrashMidSendThenRestart_NoDuplicateAndNoGap(bool afterAccept, int count, int inDoubt)
    {
        var time = TimeProvider.System;
        using var run = new RunnerRig(time);
        await using var sink = await SmtpSink.StartAsync();
        await run.Store.EnqueueAsync("campaign:42", LedgerRig.Recipients(count), time.GetUtcNow(), TimeSpan.FromDays(1), TestContext.CurrentContext.CancellationToken);
        var options = new SmtpOptions { Host = "127.0.0.1", Port = sink.Port, Security = SmtpSecurity.None };

        await using (var crashing = new CrashingTransport(new SmtpDeliveryTransport(options, TimeProvider.System), after: 737, afterAccept))
        {
            var first = run.Runner(crashing);
            Assert.ThrowsAsync<CrashingTransport.SimulatedCrashException>(() => first.RunAsync(TestContext.CurrentContext.CancellationToken));
        }

        await using var transport = new SmtpDeliveryTransport(options, TimeProvider.System);
        var summary = await run.Runner(transport).RunAsync(TestContext.CurrentContext.CancellationToken);
        var rows = await run.Store.RowsAsync("campaign:42", TestContext.CurrentContext.CancellationToken);
        var captured = (await sink.WaitForMessagesAsync(count - 1 + inDoubt))
            .Select(m => System.Text.RegularExpressions.Regex.Match(m, @"\r\nTo: (\S+)\r\n").Groups[1].Value).ToList();
        TestContext.Out.WriteLine($"{summary}; captured {captured.Count}");
        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Count.EqualTo(count));
            Assert.That(captured, Is.Unique);
            Assert.That(rows.Count(r => r.State == LedgerState.Sent), Is.EqualTo(count - 1));
            Assert.That(rows.Where(r => r.State != LedgerState.Sent).Select(r => (r.State, r.Detail)).Single(),
                Is.EqualTo((LedgerState.Unknown, "interrupted while sending; outcome unknown, not retried (at most once)")));
            Assert.That(captured, Has.Count.EqualTo(count - 1 + inDoubt));
            Assert.That(summary.Abandoned, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task EnqueueAsync_SameKeyAndRecipientTwice_OneRow()
    {
        using var run = new RunnerRig(TimeProvider.System);
        var first = await run.Store.EnqueueAsync("step:7:enrollment:99", LedgerRig.Recipients(3), TimeProvider.System.GetUtcNow(), null, TestContext.CurrentContext.CancellationToken);
        var second = await run.Store.EnqueueAsync("step:7:enrollment:99", LedgerRig.Recipients(3), TimeProvider.System.GetUtcNow(), null, TestContext.CurrentContext.CancellationToken);
        Assert.That((first, second, (await run.Store.RowsAsync("step:7:enrollment:99", TestContext.CurrentContext.CancellationToken)).Count), Is.EqualTo((3, 0, 3)));
    }

    [Test]
    public async Task RunAsync_DueLongerAgoThanTtl_ExpiredNotSent()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var run = new RunnerRig(time);
        await run.Store.EnqueueAsync("campaign:1", LedgerRig.Recipients(2), time.GetUtcNow(), TimeSpan.FromHours(2), TestContext.CurrentContext.CancellationToken);
        time.Advance(TimeSpan.FromHours(3));
        var transport = new PickupFolderTransport(Path.Combine(Path.GetTempPath(), "never-" + Guid.NewGuid().ToString("N")));
        var summary = await run.Runner(transport).RunAsync(TestContext.CurrentContext.CancellationToken);
        Assert.That((summary.Expired, summary.Sent), Is.EqualTo((2, 0)));
    }

    [Test]
    public async Task RunAsync_SuppressedAddress_NotSent()
    {
        var time = TimeProvider.System;
        using var run = new RunnerRig(time);
        await run.Store.SuppressAsync("r1@example.org", "unsubscribed", "test", TestContext.CurrentContext.CancellationToken);
        await run.Store.EnqueueAsync("campaign:1", LedgerRig.Recipients(2), time.GetUtcNow(), null, TestContext.CurrentContext.CancellationToken);
        var folder = Path.Combine(Path.GetTempPath(), "pickup-" + Guid.NewGuid().ToString("N"));
        var summary = await run.Runner(new PickupFolderTransport(folder)).RunAsync(TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That((summary.Suppressed, summary.Sent), Is.EqualTo((1, 1)));
            Assert.That(Directory.GetFiles(folder, "*.eml"), Has.Length.EqualTo(1));
            Assert.That(File.ReadAllText(Directory.GetFiles(folder, "*.eml")[0]), Does.Contain("X-Envelope-To: <r2@example.org>"));
        });
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task RunAsync_FrequencyCapOnePerDay_SecondCampaignWaitsWithoutCountingAnAttempt()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var run = new RunnerRig(time);
        await run.Store.EnqueueAsync("campaign:1", LedgerRig.Recipients(1), time.GetUtcNow(), TimeSpan.FromDays(3), TestContext.CurrentContext.CancellationToken);
        var folder = Path.Combine(Path.GetTempPath(), "pickup-" + Guid.NewGuid().ToString("N"));
        var runner = run.Runner(new PickupFolderTransport(folder), new SendRunnerOptions { Cap = new FrequencyCap(1, 4) });
        var first = await runner.RunAsync(TestContext.CurrentContext.CancellationToken);
        time.Advance(TimeSpan.FromHours(2));
        await run.Store.EnqueueAsync("step:7:enrollment:1", LedgerRig.Recipients(1), time.GetUtcNow(), TimeSpan.FromDays(3), TestContext.CurrentContext.CancellationToken);
        var second = await runner.RunAsync(TestContext.CurrentContext.CancellationToken);
        var capped = (await run.Store.RowsAsync("step:7:enrollment:1", TestContext.CurrentContext.CancellationToken)).Single();
        time.Advance(TimeSpan.FromDays(1));
        var third = await runner.RunAsync(TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That((first.Sent, second.Sent, second.Deferred, third.Sent), Is.EqualTo((1, 0, 1, 1)));
            Assert.That((capped.State, capped.Attempts), Is.EqualTo((LedgerState.Deferred, 0L)));
            Assert.That(capped.Detail, Does.StartWith("frequency cap until 2026-11-22T13:00:00"));
        });
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task RunAsync_WarmUpBudget_RestWaitsForTomorrow()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var run = new RunnerRig(time);
        await run.Store.EnqueueAsync("campaign:1", LedgerRig.Recipients(7), time.GetUtcNow(), TimeSpan.FromDays(3), TestContext.CurrentContext.CancellationToken);
        var folder = Path.Combine(Path.GetTempPath(), "pickup-" + Guid.NewGuid().ToString("N"));
        var warmUp = new WarmUp(time.GetUtcNow().AddDays(-2), FirstDay: 2, Growth: 1.5);
        var runner = run.Runner(new PickupFolderTransport(folder), new SendRunnerOptions { WarmUp = WarmUpPlan.Everywhere(warmUp) });
        var today = await runner.RunAsync(TestContext.CurrentContext.CancellationToken);
        var waiting = (await run.Store.RowsAsync("campaign:1", TestContext.CurrentContext.CancellationToken)).Where(r => r.State == LedgerState.Deferred).ToList();
        time.Advance(TimeSpan.FromDays(1));
        var tomorrow = await runner.RunAsync(TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That((warmUp.BudgetOn(time.GetUtcNow().AddDays(-1)), warmUp.BudgetOn(time.GetUtcNow())), Is.EqualTo(((long?)4, (long?)6)));
            Assert.That((today.Sent, today.Deferred, tomorrow.Sent), Is.EqualTo((4, 3, 3)));
            Assert.That(waiting.Select(r => (r.Attempts, r.Detail)), Is.All.EqualTo((0L, "warm-up budget of 4 a day reached")));
        });
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task RunAsync_DomainRate_PacesThatDomainOnly()
    {
        var time = TimeProvider.System;
        using var run = new RunnerRig(time);
        await run.Store.EnqueueAsync("campaign:1", LedgerRig.Recipients(11, "gmail.com").Select(r => (r.Item1, r.Item2)), time.GetUtcNow(), null, TestContext.CurrentContext.CancellationToken);
        await run.Store.EnqueueAsync("campaign:1", LedgerRig.Recipients(11, "example.org").Select(r => (r.Item1, r.Item2 + 100)), time.GetUtcNow(), null, TestContext.CurrentContext.CancellationToken);
        var folder = Path.Combine(Path.GetTempPath(), "pickup-" + Guid.NewGuid().ToString("N"));
        var rates = new RateLimits(new Dictionary<string, double> { ["gmail.com"] = 20 }, time);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var summary = await run.Runner(new PickupFolderTransport(folder), new SendRunnerOptions { Workers = 4, Rates = rates }).RunAsync(TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(summary.Sent, Is.EqualTo(22));
            Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(480)), "11 gmail.com messages at 20/s need 0.5 s");
        });
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task RunAsync_HardReject_FailsAndSuppresses()
    {
        var time = TimeProvider.System;
        using var run = new RunnerRig(time);
        await using var sink = await SmtpSink.StartAsync("-f", "RCPT", "-B", "550 5.1.1 User unknown");
        await run.Store.EnqueueAsync("campaign:1", LedgerRig.Recipients(1), time.GetUtcNow(), null, TestContext.CurrentContext.CancellationToken);
        await using var transport = new SmtpDeliveryTransport(new SmtpOptions { Host = "127.0.0.1", Port = sink.Port, Security = SmtpSecurity.None }, TimeProvider.System);
        var summary = await run.Runner(transport).RunAsync(TestContext.CurrentContext.CancellationToken);
        Assert.That((summary.Failed, await run.Store.SuppressionAsync("r1@example.org", TestContext.CurrentContext.CancellationToken)), Is.EqualTo((1, "hard_bounce")));
    }

    [Test]
    public async Task RunAsync_PolicyBlock_DefersPausesDomainAndDoesNotSuppress()
    {
        var time = TimeProvider.System;
        using var run = new RunnerRig(time);
        await using var sink = await SmtpSink.StartAsync("-f", "DATA", "-B", "550 5.7.26 Unauthenticated email is not accepted");
        await run.Store.EnqueueAsync("campaign:1", LedgerRig.Recipients(5), time.GetUtcNow(), null, TestContext.CurrentContext.CancellationToken);
        await using var transport = new SmtpDeliveryTransport(new SmtpOptions { Host = "127.0.0.1", Port = sink.Port, Security = SmtpSecurity.None }, TimeProvider.System);
        var summary = await run.Runner(transport).RunAsync(TestContext.CurrentContext.CancellationToken);
        var rows = await run.Store.RowsAsync("campaign:1", TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(summary.Deferred, Is.EqualTo(1));
            // Which row the senders (and the compose threads ahead of them) reach first is not fixed: one is deferred, the domain
            // is paused, and the other four never reach SMTP.
            Assert.That(rows.Select(r => r.State), Is.EquivalentTo(new[] { LedgerState.Deferred, LedgerState.Queued, LedgerState.Queued, LedgerState.Queued, LedgerState.Queued }));
            Assert.That(rows.All(r => r.State != LedgerState.Suppressed), Is.True);
        });
        foreach (var row in rows)
        {
            Assert.That(await run.Store.SuppressionAsync(row.Recipient, TestContext.CurrentContext.CancellationToken), Is.Null, row.Recipient);
        }
    }
}
