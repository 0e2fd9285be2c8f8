using Connector.Tests.TestSupport;
using System.Diagnostics;
using System.Globalization;
using Connector.Sending.Ledger;
using Connector.Sending.Smtp;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Sending;

/// <summary>
/// Restarts after a crash (issue 8, item 4): a lease of this host whose process is gone is taken over at once; a live
/// foreign lease is reported (how many rows, until when) with a non-zero exit; a policy pause outlives the runner; an
/// unreachable relay puts rows back without spending attempts.
/// </summary>
[Category("Peers")]
[CancelAfter(120_000)]
public sealed class SendRunnerRestartTests
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-02T12:00:00Z", CultureInfo.InvariantCulture);

    private static async Task<int> GonePidAsync(CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync(cancellationToken);
        return process.Id;
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task RunAsync_LeaseOfAGoneProcessOnThisHost_TakenOverAtOnce(CancellationToken cancellationToken)
    {
        using var run = await RunnerRig.QueuedAsync(new FakeTimeProvider(Noon), "campaign:1", 5, cancellationToken);
        var dead = new ReservePolicy("killed-runner", TimeSpan.FromMinutes(2), 5) { Host = RunnerProcess.Host, ProcessId = await GonePidAsync(cancellationToken) };
        var held = await run.Store.ReserveAsync(dead, cancellationToken);
        Assert.That(await run.Store.MarkSendingAsync(held.Rows[0].Id, "killed-runner", cancellationToken), Is.True);
        var folder = Directory.CreateTempSubdirectory("pickup-").FullName;

        var summary = await run.Runner(new PickupFolderTransport(folder)).RunAsync(cancellationToken);
        var rows = await run.RowsAsync("campaign:1", cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(held.Rows, Has.Count.EqualTo(5));
            Assert.That((summary.Sent, summary.Abandoned, summary.Held, summary.Remaining), Is.EqualTo((4, 1, 0, 0)), "no wait for the two-minute lease");
            Assert.That(rows.Single(r => r.Id == held.Rows[0].Id).State, Is.EqualTo(LedgerState.Unknown), "the row it was sending is never resent");
            Assert.That(Directory.GetFiles(folder, "*.eml"), Has.Length.EqualTo(4));
        });
        Directory.Delete(folder, recursive: true);
    }

    [TestCase(false, "campaign:1", false)]
    [TestCase(true, "campaign:1", false)]
    [TestCase(true, "reset:1", true)]
    [CancelAfter(60_000)]
    public async Task ReserveAsync_DeadRunnersSendingRow_UnknownUnlessTransactionalSetToRetry(bool retryUnknown, string sendKey, bool retried, CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(Noon);
        using var run = new RunnerRig(time);
        var kind = sendKey.StartsWith("reset", StringComparison.Ordinal) ? Connector.Sending.Composing.MailKind.Transactional : Connector.Sending.Composing.MailKind.Campaign;
        await run.EnqueueAsync(sendKey, kind, LedgerRig.Recipients(1), cancellationToken);
        var held = await run.Store.ReserveAsync(new ReservePolicy("killed-runner", TimeSpan.FromMinutes(1), 1), cancellationToken);
        Assert.That(await run.Store.MarkSendingAsync(held.Rows[0].Id, "killed-runner", "kept@example.com", cancellationToken), Is.True);
        time.Advance(TimeSpan.FromMinutes(2));

        var batch = await run.Store.ReserveAsync(new ReservePolicy("next-runner", TimeSpan.FromMinutes(1), 10) { RetryUnknownTransactional = retryUnknown }, cancellationToken);
        var row = (await run.RowsAsync(sendKey, cancellationToken)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(batch.Abandoned, Is.EqualTo(1));
            Assert.That(row.State, Is.EqualTo(retried ? LedgerState.Queued : LedgerState.Unknown).Or.EqualTo(retried ? LedgerState.Deferred : LedgerState.Unknown));
            Assert.That(batch.Rows.Select(r => r.MessageId), Is.EqualTo(retried ? new[] { "kept@example.com" } : Array.Empty<string>()), "the retry keeps the Message-ID");
            Assert.That(row.Detail, Is.EqualTo(retried ? SendLedgerStore.AbandonedRetriedDetail : SendLedgerStore.AbandonedDetail));
        });
    }

    [TestCase("another-host", 12345)]
    [TestCase(null, 1)]
    [CancelAfter(60_000)]
    public async Task RunAsync_LiveForeignLease_SaysHowManyRowsAreHeldUntilWhenAndExitsNonZero(string? host, int pid, CancellationToken cancellationToken)
    {
        using var run = await RunnerRig.QueuedAsync(new FakeTimeProvider(Noon), "campaign:1", 5, cancellationToken);
        // Another host's runner, or a live process of this host (pid 1), holds three rows under a two-minute lease.
        await run.Store.ReserveAsync(new ReservePolicy("other-runner", TimeSpan.FromMinutes(2), 3) { Host = host ?? RunnerProcess.Host, ProcessId = pid }, cancellationToken);
        var folder = Directory.CreateTempSubdirectory("pickup-").FullName;

        var summary = await run.Runner(new PickupFolderTransport(folder)).RunAsync(cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That((summary.Sent, summary.Held, summary.Remaining), Is.EqualTo((2, 3, 3)));
            Assert.That(summary.HeldUntil, Is.EqualTo(Noon.AddMinutes(2)));
            Assert.That(summary.ExitCode, Is.EqualTo(SendRunSummary.WorkRemainsExitCode));
        });
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task RunAsync_PolicyBlockThenANewRunner_DomainStaysPausedUntilThePauseEnds(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(Noon);
        using var run = new RunnerRig(time);
        var rcpts = 0;
        await using var peer = new ScriptedSmtpPeer(_ => ScriptedSmtpPeer.Action.Accept,
            _ => Interlocked.Increment(ref rcpts) == 1 ? "550 5.7.1 Service unavailable, client host blocked" : "250 2.1.5 Ok");
        await run.EnqueueAsync("campaign:1", Connector.Sending.Composing.MailKind.Campaign, LedgerRig.Recipients(3, "refusing.example"), cancellationToken);
        var options = new SmtpOptions { Host = "127.0.0.1", Port = peer.Port, Security = SmtpSecurity.None };

        SendRunSummary first;
        await using (var transport = new SmtpDeliveryTransport(options, time))
        {
            first = await run.Runner(transport).RunAsync(cancellationToken);
        }

        // A new process: its own store object, transport and runner, nothing in memory from the first.
        var restarted = new SendLedgerStore(run.Ledger.Connections, time);
        await using var fresh = new SmtpDeliveryTransport(options, time);
        time.Advance(TimeSpan.FromMinutes(5));
        var second = await run.Runner(fresh, ledger: restarted).RunAsync(cancellationToken);
        var rcptsWhilePaused = Volatile.Read(ref rcpts);
        time.Advance(TimeSpan.FromMinutes(30));
        var third = await run.Runner(fresh, ledger: restarted).RunAsync(cancellationToken);
        Assert.Multiple(async () =>
        {
            Assert.That((first.Sent, first.Deferred), Is.EqualTo((0, 1)));
            Assert.That(await restarted.PausedUntilAsync("refusing.example", cancellationToken), Is.Null, "the pause has ended by now");
            Assert.That((second.Sent, rcptsWhilePaused), Is.EqualTo((0, 1)), "nothing more sent into the refusing domain while paused");
            Assert.That(second.ExitCode, Is.EqualTo(SendRunSummary.WorkRemainsExitCode));
            Assert.That(third.Sent, Is.EqualTo(3));
            Assert.That(peer.Bodies, Has.Count.EqualTo(3));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task RunAsync_RelayRefusesConnections_TransportPausedRowsPutBackWithoutSpendingAttempts(CancellationToken cancellationToken)
    {
        using var run = await RunnerRig.QueuedAsync(new FakeTimeProvider(Noon), "campaign:1", 40, cancellationToken);
        var options = new SmtpOptions { Host = "127.0.0.1", Port = TestPorts.Free(), Security = SmtpSecurity.None, OutagePause = TimeSpan.FromSeconds(30) };
        await using var transport = new SmtpDeliveryTransport(options, run.Time);

        var summary = await run.Runner(transport, new SendRunnerOptions { Workers = 4 }).RunAsync(cancellationToken);
        var rows = await run.RowsAsync("campaign:1", cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => (r.State, r.Attempts, r.Owner)), Is.All.EqualTo((LedgerState.Queued, 0L, (string?)null)), "no attempt spent");
            Assert.That(rows.Select(r => r.Detail), Is.All.StartsWith(SendLedgerStore.RelayUnreachable), "what the dashboard warns of");
            Assert.That((summary.Sent, summary.Deferred, summary.Failed, summary.Remaining), Is.EqualTo((0, 40, 0, 40)));
            Assert.That(summary.NextDue, Is.EqualTo(Noon.AddSeconds(30)), "due again when the transport's pause ends");
            Assert.That(summary.ExitCode, Is.EqualTo(SendRunSummary.WorkRemainsExitCode));
            Assert.That(transport.Connects, Is.Zero);
        });
    }
}
