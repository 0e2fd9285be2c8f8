using System.Collections.Concurrent;
using Connector.Sending.Composing;
using Connector.Sending.Ledger;
using Connector.Sending.Smtp;

namespace Connector.Tests.Sending;

/// <summary>
/// Composing (render, compose, DKIM) runs on its own threads ahead of the senders: a sender waiting for its server's
/// reply does not stop the next rows from being composed. With composing back on the sender's thread, one sender held
/// on its first message would leave every other row uncomposed.
/// </summary>
[CancelAfter(60_000)]
public sealed class SendRunnerPipelineTests
{
    [Test]
    public async Task RunAsync_TheOnlySenderHeldOnItsFirstMessage_NextRowsComposedMeanwhileOnComposeThreads()
    {
        var cancellationToken = TestContext.CurrentContext.CancellationToken;
        var time = TimeProvider.System;
        using var run = await RunnerRig.QueuedAsync(time, "campaign:pipeline", 20, cancellationToken);
        var letters = new RecordingLetters();
        // Held until two more rows than the one in flight have been rendered (one waiting in the hand-off, one more
        // composing): at most ten seconds, after which it records what it saw and lets the run finish.
        var transport = new HoldingTransport(letters, waitFor: 3);
        var sending = run.Sending;
        var runner = new SendRunner(run.Store, () => new MessageComposer(sending.Settings, sending.Tokens, null, time), transport, letters, time,
            new SendRunnerOptions { Workers = 1, ComposeWorkers = 2, SendKey = "campaign:pipeline" });

        var summary = await runner.RunAsync(cancellationToken);
        var rows = await run.RowsAsync("campaign:pipeline", cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(summary.Sent, Is.EqualTo(20));
            Assert.That(rows.Select(r => r.State), Is.All.EqualTo(LedgerState.Sent));
            Assert.That(transport.RenderedWhileHeld, Is.GreaterThanOrEqualTo(3), "rows rendered while the only sender waited on its first message");
            Assert.That(letters.Threads, Has.Count.EqualTo(20), "each row rendered once");
            Assert.That(letters.Threads.Count(t => t.StartsWith("send-compose-", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(2),
                "rows rendered on the named compose threads");
        });
    }

    [Test]
    public async Task RunAsync_SenderFails_RunStopsWithThatErrorAndLeavesUnsentRowsQueued()
    {
        var cancellationToken = TestContext.CurrentContext.CancellationToken;
        var time = TimeProvider.System;
        using var run = await RunnerRig.QueuedAsync(time, "campaign:pipeline-fail", 50, cancellationToken);
        var folder = Directory.CreateTempSubdirectory("pickup-").FullName;
        await using var crashing = new CrashingTransport(new PickupFolderTransport(folder), after: 5, afterAccept: false);
        var runner = run.Runner(crashing, new SendRunnerOptions { Workers = 1, ComposeWorkers = 2, SendKey = "campaign:pipeline-fail" });

        Assert.ThrowsAsync<CrashingTransport.SimulatedCrashException>(() => runner.RunAsync(cancellationToken));
        var rows = await run.RowsAsync("campaign:pipeline-fail", cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFiles(folder, "*.eml"), Has.Length.EqualTo(5));
            Assert.That(rows.Count(r => r.State == LedgerState.Sent), Is.EqualTo(5));
            // The row that was being handed over is 'sending' (outcome unknown for the next runner); composed-ahead rows never were.
            Assert.That(rows.Count(r => r.State == LedgerState.Sending), Is.EqualTo(1));
            Assert.That(rows.Count(r => r.State == LedgerState.Queued), Is.EqualTo(44), "rows composed ahead but never handed over go back to the queue");
            Assert.That(rows.Where(r => r.State == LedgerState.Queued).Select(r => r.Owner), Is.All.Null, "released when the run ended");
        });
    }

    /// <summary>The sample letter for every row, noting the thread that rendered each one.</summary>
    private sealed class RecordingLetters : ILetterSource
    {
        private readonly ConcurrentQueue<string> _threads = new();
        private int _rendered;

        public IReadOnlyList<string> Threads => [.. _threads];

        public int Rendered => Volatile.Read(ref _rendered);

        public event Action<int>? RenderedOne;

        public Task<(Letter Letter, SendContext Context)?> PrepareAsync(LedgerRow row, CancellationToken cancellationToken)
        {
            _threads.Enqueue(Thread.CurrentThread.Name ?? $"unnamed #{Environment.CurrentManagedThreadId}");
            RenderedOne?.Invoke(Interlocked.Increment(ref _rendered));
            return Task.FromResult<(Letter, SendContext)?>((SendingRig.SampleLetter, SendingRig.Campaign));
        }
    }

    /// <summary>Accepts every message; holds the first until <c>waitFor</c> rows have been rendered (or ten seconds passed).</summary>
    private sealed class HoldingTransport : IDeliveryTransport
    {
        private readonly TaskCompletionSource _enough = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly RecordingLetters _letters;
        private int _sends;

        public HoldingTransport(RecordingLetters letters, int waitFor)
        {
            _letters = letters;
            letters.RenderedOne += n =>
            {
                if (n >= waitFor)
                {
                    _enough.TrySetResult();
                }
            };
        }

        public int RenderedWhileHeld { get; private set; }

        public async Task<DeliveryResult> SendAsync(ComposedMessage message, string? envelopeId, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _sends) == 1)
            {
                await Task.WhenAny(_enough.Task, Task.Delay(TimeSpan.FromSeconds(10), cancellationToken));
                RenderedWhileHeld = _letters.Rendered;
            }

            return DeliveryResult.Accepted("250 2.0.0 queued");
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
