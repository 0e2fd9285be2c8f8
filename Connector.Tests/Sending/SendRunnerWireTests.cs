using System.Globalization;
using System.Text.RegularExpressions;
using Connector.Sending.Composing;
using Connector.Sending.Ledger;
using Connector.Sending.Smtp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Sending;

/// <summary>
/// At most once on the wire (issue 8, item 3), against a scripted SMTP peer that fails at a chosen point: a connection
/// lost after the final dot is "outcome unknown" (one copy, never resent, never failed over); transactional mail may
/// retry with the same Message-ID; a row keeps its Message-ID across attempts; a row is <c>sending</c> only once it
/// holds a connection.
/// </summary>
[Category("Peers")]
[CancelAfter(120_000)]
public sealed partial class SendRunnerWireTests
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-02T12:00:00Z", CultureInfo.InvariantCulture);

    private static SmtpOptions Options(ScriptedSmtpPeer peer, TimeSpan? timeout = null, int connections = 4) => new()
    {
        Host = "127.0.0.1", Port = peer.Port, Security = SmtpSecurity.None, Timeout = timeout ?? TimeSpan.FromSeconds(30), MaxConnections = connections,
    };

    private static string MessageId(string body) => MessageIdHeader().Match(body).Groups[1].Value;

    [Test]
    [CancelAfter(60_000)]
    public async Task RunAsync_ConnectionDroppedAfterFinalDot_OneCopyEachRowUnknownNoFailover(CancellationToken cancellationToken)
    {
        using var run = await RunnerRig.QueuedAsync(TimeProvider.System, "campaign:1", 5, cancellationToken);
        await using var primary = new ScriptedSmtpPeer(_ => ScriptedSmtpPeer.Action.Drop);
        await using var backup = new ScriptedSmtpPeer(_ => ScriptedSmtpPeer.Action.Accept);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smtp:Transports:primary:Host"] = "127.0.0.1", ["Smtp:Transports:primary:Port"] = primary.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:Transports:primary:Security"] = "None", ["Smtp:Transports:backup:Host"] = "127.0.0.1",
            ["Smtp:Transports:backup:Port"] = backup.Port.ToString(CultureInfo.InvariantCulture), ["Smtp:Transports:backup:Security"] = "None",
            ["Smtp:Routes:example.com"] = "primary,backup",
        }).Build();
        await using var transport = TransportTable.From(configuration, run.Time);

        var first = await run.Runner(transport, new SendRunnerOptions { Workers = 2 }).RunAsync(cancellationToken);
        var second = await run.Runner(transport).RunAsync(cancellationToken);
        var rows = await run.RowsAsync("campaign:1", cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(primary.Bodies, Has.Count.EqualTo(5), "one copy of each message");
            Assert.That(backup.Bodies, Is.Empty, "no failover after the end of DATA");
            Assert.That(rows.Select(r => (r.State, r.Attempts)), Is.All.EqualTo((LedgerState.Unknown, 1L)));
            Assert.That(rows.Select(r => r.Detail), Is.All.Contains("after the end of DATA"));
            Assert.That((first.Unknown, first.Sent, first.Deferred, first.ExitCode), Is.EqualTo((5, 0, 0, 1)));
            Assert.That((second.Sent, second.Unknown, second.Remaining), Is.EqualTo((0, 0, 0)), "never resent");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task RunAsync_ServerStallsBeforeItsReply_OneCopyRowUnknown(CancellationToken cancellationToken)
    {
        using var run = await RunnerRig.QueuedAsync(TimeProvider.System, "campaign:1", 2, cancellationToken);
        await using var peer = new ScriptedSmtpPeer(_ => ScriptedSmtpPeer.Action.Stall);
        await using var transport = new SmtpDeliveryTransport(Options(peer, TimeSpan.FromSeconds(1)), TimeProvider.System);

        var summary = await run.Runner(transport).RunAsync(cancellationToken);
        var again = await run.Runner(transport).RunAsync(cancellationToken);
        var rows = await run.RowsAsync("campaign:1", cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(peer.Bodies, Has.Count.EqualTo(2), "each message once");
            Assert.That(rows.Select(r => r.State), Is.All.EqualTo(LedgerState.Unknown));
            Assert.That((summary.Unknown, summary.Deferred, again.Sent), Is.EqualTo((2, 0, 0)));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task RunAsync_TransactionalSetToRetryUnknown_ResentWithTheSameMessageId(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(Noon);
        using var run = new RunnerRig(time);
        await using var peer = new ScriptedSmtpPeer(n => n == 1 ? ScriptedSmtpPeer.Action.Drop : ScriptedSmtpPeer.Action.Accept);
        await run.EnqueueAsync("reset:7", MailKind.Transactional, LedgerRig.Recipients(1), cancellationToken);
        await using var transport = new SmtpDeliveryTransport(Options(peer), time);
        var retry = SendRunnerOptions.RetryUnknownFrom(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sending:Transactional:RetryUnknown"] = "true" }).Build());
        var options = new SendRunnerOptions { RetryUnknownTransactional = retry };

        var first = await run.Runner(transport, options).RunAsync(cancellationToken);
        var afterFirst = (await run.RowsAsync("reset:7", cancellationToken)).Single();
        time.Advance(TimeSpan.FromMinutes(2));
        var second = await run.Runner(transport, options).RunAsync(cancellationToken);
        var row = (await run.RowsAsync("reset:7", cancellationToken)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(retry, Is.True);
            Assert.That((afterFirst.State, first.Deferred), Is.EqualTo((LedgerState.Deferred, 1)), afterFirst.Detail);
            Assert.That((row.State, row.Attempts, second.Sent), Is.EqualTo((LedgerState.Sent, 2L, 1)));
            Assert.That(peer.Bodies, Has.Count.EqualTo(2), "at least once: the copy in doubt and the retry");
            Assert.That(peer.Bodies.Select(MessageId).Distinct().ToList(), Has.Count.EqualTo(1), "both copies carry one Message-ID");
            Assert.That(MessageId(peer.Bodies[0]), Is.Not.Empty.And.EqualTo(row.MessageId));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task RunAsync_DeferredThenAccepted_OneMessageIdAcrossAttempts(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(Noon);
        using var run = await RunnerRig.QueuedAsync(time, "campaign:1", 1, cancellationToken);
        await using var peer = new ScriptedSmtpPeer(n => n == 1 ? ScriptedSmtpPeer.Action.Defer : ScriptedSmtpPeer.Action.Accept);
        await using var transport = new SmtpDeliveryTransport(Options(peer), time);

        var first = await run.Runner(transport).RunAsync(cancellationToken);
        time.Advance(TimeSpan.FromMinutes(2));
        await run.Runner(transport).RunAsync(cancellationToken);
        var row = (await run.RowsAsync("campaign:1", cancellationToken)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(first.Deferred, Is.EqualTo(1));
            Assert.That((row.State, row.Attempts), Is.EqualTo((LedgerState.Sent, 2L)));
            Assert.That(peer.Bodies, Has.Count.EqualTo(2));
            Assert.That(MessageId(peer.Bodies[1]), Is.Not.Empty.And.EqualTo(MessageId(peer.Bodies[0])));
            Assert.That(row.MessageId, Is.EqualTo(MessageId(peer.Bodies[0])));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task RunAsync_EightWorkersOneConnectionHeldByAStall_OnlyTheRowOnTheWireIsSending(CancellationToken cancellationToken)
    {
        using var run = await RunnerRig.QueuedAsync(TimeProvider.System, "campaign:1", 8, cancellationToken);
        await using var peer = new ScriptedSmtpPeer(n => n == 1 ? ScriptedSmtpPeer.Action.Stall : ScriptedSmtpPeer.Action.Accept);
        await using var transport = new SmtpDeliveryTransport(Options(peer, connections: 1), TimeProvider.System);
        var runner = run.Runner(transport, new SendRunnerOptions { Workers = 8 });

        var running = runner.RunAsync(cancellationToken);
        await peer.Stalled.WaitAsync(cancellationToken);
        // Give the seven other workers time to compose and queue for the one connection.
        await Task.Delay(500, cancellationToken);
        var during = await run.RowsAsync("campaign:1", cancellationToken);
        peer.ReleaseStalls();
        var summary = await running;
        var rows = await run.RowsAsync("campaign:1", cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(during.Count(r => r.Owner == runner.RunnerId), Is.EqualTo(8), "all eight reserved");
            Assert.That(during.Count(r => r.State == LedgerState.Sending), Is.EqualTo(1), "only the row holding the connection");
            Assert.That((summary.Sent, summary.Unknown), Is.EqualTo((7, 1)));
            Assert.That(rows.Count(r => r.State == LedgerState.Unknown), Is.EqualTo(1));
            Assert.That(peer.Bodies, Has.Count.EqualTo(8));
        });
    }

    [GeneratedRegex(@"\r\nMessage-Id: <([^>]+)>\r\n", RegexOptions.IgnoreCase)]
    private static partial Regex MessageIdHeader();
}
