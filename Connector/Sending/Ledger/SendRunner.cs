using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Connector.Sending.Composing;
using Connector.Sending.Profiling;
using Connector.Sending.Smtp;

namespace Connector.Sending.Ledger;

/// <summary>
/// Sends what the ledger says is due, at most once per (send key, recipient), side by side with other runners on the
/// same store: reserve a batch in one transaction (expired, suppressed, capped and over-budget rows settled there) →
/// compose → wait for the domain's rate → the transport waits for its rate and a connection → mark the row
/// <c>sending</c> (committed, with its Message-ID, kept for every later attempt) → deliver → record the outcome at once.
/// A row is only ever handed to SMTP after its <c>sending</c> mark committed; rows a dead runner (lease expired, or its
/// process gone on this host) left in <c>sending</c> are marked <c>unknown</c>, never resent, and its unsent
/// reservations go back to the queue. A connection lost after the end of DATA is <c>unknown</c> too, not retried and not
/// failed over — unless <see cref="SendRunnerOptions.RetryUnknownTransactional"/> retries transactional mail (at least
/// once) with the same Message-ID. The one window left: the 250 arrived and the process died before the <c>sent</c>
/// write, which is group-committed with the next <c>sending</c> mark (<see cref="LedgerWriter"/>): at most
/// <see cref="SendRunnerOptions.Workers"/> rows, each left <c>unknown</c>, never resent. Deferrals back off
/// exponentially (1 min × 2^attempts, at most 6 h, 8 attempts); a policy block pauses the recipient's domain (stored, <see cref="SendRunnerOptions.PolicyPause"/>) and
/// never suppresses; a hard reject suppresses the address; a relay that cannot be reached puts the rows back without
/// spending an attempt. Rows are composed (rendered, composed, DKIM-signed) by <see cref="SendRunnerOptions.ComposeWorkers"/>
/// tasks ahead of the <see cref="SendRunnerOptions.Workers"/> senders; each composing task has its own composer (signers
/// and parsers are not shared across threads).
/// </summary>
public sealed class SendRunner(
    SendLedgerStore ledger, Func<MessageComposer> composers, IDeliveryTransport transport, ILetterSource letters, TimeProvider time, SendRunnerOptions? options = null)
{
    public const int MaxAttempts = 8;
    private const string Held = "held";
    private const string Skipped = "skipped";
    private readonly SendRunnerOptions _options = options ?? new SendRunnerOptions();
    private readonly ConcurrentDictionary<string, bool> _pausedDomains = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentBag<MessageComposer> _idleComposers = [];
    private long _outageUntilTicks;

    public string RunnerId => _options.RunnerId;

    private SendStages? Stages => _options.Stages;

    public async Task<SendRunSummary> RunAsync(CancellationToken cancellationToken)
    {
        var counts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var abandoned = 0;
        await using var writer = await ledger.OpenWriterAsync(Math.Max(1, _options.Workers), cancellationToken);
        ComposeThreads? composeThreads = null; // started with the first batch: a run that finds nothing due starts no thread
        using var stopHeartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = HeartbeatAsync(stopHeartbeat.Token);
        var flusher = FlushHeldOutcomesAsync(writer, stopHeartbeat.Token);
        var checkpointer = CheckpointAsync(writer, stopHeartbeat.Token);
        try
        {
            while (true)
            {
                var reserving = Stages?.ThreadCpu() ?? 0;
                writer.Flush();
                var batch = await ledger.ReserveAsync(Policy(), writer, cancellationToken);
                Stages?.Add(SendStage.Ledger, reserving);
                abandoned += batch.Abandoned;
                Count(counts, LedgerState.Expired, batch.Expired);
                Count(counts, LedgerState.Suppressed, batch.Suppressed);
                Count(counts, Held, batch.Capped);
                if (batch.Candidates == 0)
                {
                    var backlog = await ledger.BacklogAsync(_options.SendKey, _options.RunnerId, cancellationToken);
                    return new SendRunSummary(counts.GetValueOrDefault(LedgerState.Sent), counts.GetValueOrDefault(LedgerState.Deferred) + counts.GetValueOrDefault(Held),
                        counts.GetValueOrDefault(LedgerState.Failed), counts.GetValueOrDefault(LedgerState.Suppressed), counts.GetValueOrDefault(LedgerState.Expired), abandoned)
                    {
                        Unknown = counts.GetValueOrDefault(LedgerState.Unknown),
                        Remaining = backlog.Remaining,
                        Held = backlog.Held,
                        HeldUntil = backlog.HeldUntil,
                        NextDue = backlog.NextDue,
                    };
                }

                composeThreads ??= new ComposeThreads(_options.ComposeWorkers, "send-compose");
                var loading = Stages?.ThreadCpu() ?? 0;
                await letters.PrepareBatchAsync(batch.Rows, cancellationToken);
                Stages?.Add(SendStage.Render, loading);
                using (Operations.Telemetry.ConnectorTelemetry.SendBatch(_options.SendKey, batch.Rows.Count))
                {
                    await SendBatchAsync(batch.Rows, composeThreads, writer, counts, cancellationToken);
                }
            }
        }
        finally
        {
            composeThreads?.Dispose();
            await stopHeartbeat.CancelAsync();
            await heartbeat;
            await flusher;
            await checkpointer;
            writer.Flush();
            await ledger.ReleaseRunnerAsync(_options.RunnerId, CancellationToken.None);
        }
    }

    private ReservePolicy Policy() => new(_options.RunnerId, _options.Lease, Math.Max(1, _options.BatchSize))
    {
        SenderDomain = _options.SenderDomain,
        SendKey = _options.SendKey,
        QueuedOnly = _options.QueuedOnly,
        Cap = _options.Cap,
        Quiet = _options.Quiet,
        QuietZone = _options.QuietZone,
        DefaultZone = _options.DefaultZone,
        WarmUpBudget = _options.WarmUp.For(_options.SenderDomain).BudgetOn(time.GetUtcNow()),
        PausedDomains = _pausedDomains.Keys.ToList(),
        Host = RunnerProcess.Host,
        ProcessId = RunnerProcess.Id,
        RetryUnknownTransactional = _options.RetryUnknownTransactional,
    };

    // A batch through two stages: ComposeWorkers dedicated threads (send-compose-N, one set a run) render, compose and
    // sign rows ahead of the senders and hand the signed messages through a bounded channel (one waiting message per
    // sender) to Workers delivery loops, which wait for the rates and a connection, claim, send and record. Composing no
    // longer waits behind a sender's SMTP replies, so every core has work while the senders wait. A sender that finds
    // nothing composed takes the next row and composes it itself rather than wait (on a busy machine the compose
    // threads may get no core: then the senders work as before the compose stage, with no hand-off). A composed message
    // is not claimed: its row is only reserved, as every row of the batch is until its turn, and goes back to the queue
    // like them if the runner dies. The channel runs a waiting sender's continuation on the writing thread, which only
    // hands the message to a send thread (SmtpSendThreads) and returns; a sender that finds the next message waiting
    // sends it on its own thread. (Composing on thread-pool tasks instead spread the work over a dozen pool threads and
    // cost more CPU per message in hand-offs.)
    private async Task SendBatchAsync(IReadOnlyList<LedgerRow> rows, ComposeThreads composeThreads, LedgerWriter writer, ConcurrentDictionary<string, int> counts, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ready = Channel.CreateBounded<ReadyMessage>(new BoundedChannelOptions(Math.Max(1, _options.Workers))
        {
            FullMode = BoundedChannelFullMode.Wait, AllowSynchronousContinuations = true,
        });
        var pending = new PendingRows(rows);
        var tasks = new List<Task>(1 + _options.Workers)
        {
            CompleteWhenComposedAsync(composeThreads.RunAsync(() => ComposeAhead(pending, ready.Writer, writer, counts, stop.Token), stop), ready.Writer),
        };
        for (var i = 0; i < Math.Max(1, _options.Workers); i++)
        {
            tasks.Add(DeliverAllAsync(pending, ready.Reader, writer, counts, stop));
        }

        try
        {
            await Task.WhenAll(tasks);
        }
        finally
        {
            // Messages composed but never delivered (the run stopped): their rows stay reserved, released by the run's end.
            while (ready.Reader.TryRead(out var left))
            {
                left.Message.Message.Dispose();
            }
        }
    }

    private static async Task CompleteWhenComposedAsync(Task composing, ChannelWriter<ReadyMessage> ready)
    {
        try
        {
            await composing;
            ready.TryComplete();
        }
        catch (Exception ex)
        {
            ready.TryComplete(ex);
            throw;
        }
    }

    // On a compose thread: blocking here (the letter source, the store, a full channel) blocks no pool thread.
    private void ComposeAhead(PendingRows rows, ChannelWriter<ReadyMessage> ready, LedgerWriter writer, ConcurrentDictionary<string, int> counts, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && rows.TryTake(out var row))
        {
            var (outcome, message) = ComposeWithAnyComposerAsync(row, writer, cancellationToken).GetAwaiter().GetResult();
            if (message is null)
            {
                Count(counts, outcome!, 1);
                continue;
            }

            try
            {
                while (!ready.TryWrite(message))
                {
                    if (!BlockOn(ready.WaitToWriteAsync(cancellationToken)))
                    {
                        throw new OperationCanceledException("the senders stopped");
                    }
                }
            }
            catch
            {
                message.Message.Message.Dispose();
                throw;
            }
        }
    }

    // A compose thread waiting for room in the hand-off sleeps at once: Task.Wait/GetResult would first spin with
    // sched_yield (SpinThenBlockingWait), taking CPU from the senders it waits for (seen in perf's off-CPU stacks).
    [ThreadStatic]
    private static ManualResetEventSlim? _roomMade;

    private static bool BlockOn(ValueTask<bool> waiting)
    {
        if (!waiting.IsCompleted)
        {
            var woken = _roomMade ??= new ManualResetEventSlim(false, spinCount: 0);
            woken.Reset();
            waiting.GetAwaiter().UnsafeOnCompleted(woken.Set);
            woken.Wait();
        }

        return waiting.GetAwaiter().GetResult();
    }

    private async Task DeliverAllAsync(PendingRows rows, ChannelReader<ReadyMessage> ready, LedgerWriter writer, ConcurrentDictionary<string, int> counts, CancellationTokenSource stop)
    {
        var cancellationToken = stop.Token;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!ready.TryRead(out var message))
                {
                    if (rows.TryTake(out var row))
                    {
                        // Nothing composed ahead: compose the next row here rather than wait for a compose thread.
                        (var outcome, message) = await ComposeWithAnyComposerAsync(row, writer, cancellationToken);
                        if (message is null)
                        {
                            Count(counts, outcome!, 1);
                            continue;
                        }
                    }
                    else if (await ready.WaitToReadAsync(cancellationToken))
                    {
                        continue;
                    }
                    else
                    {
                        return;
                    }
                }

                // The MIME tree holds content streams: release them as soon as the message is on the wire.
                using (message.Message.Message)
                {
                    Count(counts, await DeliverOneAsync(message, writer, cancellationToken), 1);
                }
            }
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    private async Task<(string? Outcome, ReadyMessage? Message)> ComposeWithAnyComposerAsync(LedgerRow row, LedgerWriter writer, CancellationToken cancellationToken)
    {
        var composer = _idleComposers.TryTake(out var idle) ? idle : composers();
        try
        {
            return await ComposeOneAsync(row, composer, writer, cancellationToken);
        }
        finally
        {
            _idleComposers.Add(composer);
        }
    }

    // Render and compose (DKIM-signed) one row: the message to deliver, or the row's outcome when it goes no further.
    private async Task<(string? Outcome, ReadyMessage? Message)> ComposeOneAsync(LedgerRow row, MessageComposer composer, LedgerWriter writer, CancellationToken cancellationToken)
    {
        var domain = Domain(row.Recipient);
        if (_pausedDomains.ContainsKey(domain))
        {
            return (Skipped, null);
        }

        if (await PutBackInOutageAsync(row) is { } held)
        {
            return (held, null);
        }

        var rendering = Stages?.ThreadCpu() ?? 0;
        var letter = await letters.PrepareAsync(row, cancellationToken);
        Stages?.Add(SendStage.Render, rendering);
        if (letter is not { } prepared)
        {
            return (await FinishUnsentAsync(writer, row, letters.ProblemWith(row) ?? "no letter for this row", cancellationToken), null);
        }

        var context = prepared.Context with { SendId = row.Id, MessageId = row.MessageId };
        var composed = composer.Compose(prepared.Letter, new LetterRecipient(row.ContactId, row.Recipient, null), context);
        if (composed.Message is not { } message)
        {
            return (await FinishUnsentAsync(writer, row, composed.Error, cancellationToken), null);
        }

        return (null, new ReadyMessage(row, domain, message));
    }

    // While the relay is unreachable (seen by any sender of this runner) rows go back without spending an attempt.
    private async Task<string?> PutBackInOutageAsync(LedgerRow row)
    {
        if (Volatile.Read(ref _outageUntilTicks) is var ticks and > 0 && new DateTimeOffset(ticks, TimeSpan.Zero) is var outage && outage > time.GetUtcNow())
        {
            await ledger.PutBackAsync(row.Id, _options.RunnerId, outage, $"{SendLedgerStore.RelayUnreachable}; waiting until {Store.UtcText.From(outage)}", CancellationToken.None);
            return Held;
        }

        return null;
    }

    private async Task<string> DeliverOneAsync(ReadyMessage ready, LedgerWriter writer, CancellationToken cancellationToken)
    {
        var (row, domain, message) = ready;
        // Composed ahead: a pause or an outage may have begun meanwhile.
        if (_pausedDomains.ContainsKey(domain))
        {
            return Skipped;
        }

        if (await PutBackInOutageAsync(row) is { } held)
        {
            return held;
        }

        await _options.Rates.WaitAsync(domain, cancellationToken);
        // The row becomes 'sending' only once the transport holds its rate slot and a connection for it.
        var claim = new DeliveryClaim(row.Id.ToString(CultureInfo.InvariantCulture), token => Task.FromResult(Claim(row, domain, message.Message.MessageId, writer, token))) { Stages = Stages };
        var result = await transport.DeliverAsync(message, claim, cancellationToken);
        var now = time.GetUtcNow();
        if (!claim.Claimed)
        {
            return await NotHandedOverAsync(row, domain, result, now, cancellationToken);
        }

        var retryAt = now + TimeSpan.FromMinutes(Math.Min(360, Math.Pow(2, row.Attempts)));
        var retry = row.Attempts + 1 < MaxAttempts;
        var messageId = message.Message.MessageId;
        switch (result.Status)
        {
            case DeliveryStatus.Accepted:
                return await FinishAsync(writer, row, LedgerState.Sent, null, messageId, result.ReplyCode, null, cancellationToken);
            case DeliveryStatus.HardReject:
                await ledger.SuppressAsync(row.Recipient, "hard_bounce", $"{row.SendKey}: {result.Detail}", CancellationToken.None);
                return await FinishAsync(writer, row, LedgerState.Failed, null, messageId, result.ReplyCode, result.Detail, cancellationToken);
            case DeliveryStatus.PolicyBlock:
                await PauseAsync(domain, now, result);
                return await FinishAsync(writer, row, retry ? LedgerState.Deferred : LedgerState.Failed, retryAt, messageId, result.ReplyCode, result.Detail, cancellationToken);
            case DeliveryStatus.Unknown when retry && _options.RetryUnknownTransactional && row.Kind == nameof(MailKind.Transactional):
                return await FinishAsync(writer, row, LedgerState.Deferred, retryAt, messageId, null, $"{result.Detail}; retried (transactional mail, at least once, same Message-ID)", cancellationToken);
            case DeliveryStatus.Unknown:
                return await FinishAsync(writer, row, LedgerState.Unknown, null, messageId, null, $"{result.Detail}; not retried (at most once)", cancellationToken);
            case DeliveryStatus.Deferred or DeliveryStatus.ConnectionFailure or DeliveryStatus.Unreachable:
                return await FinishAsync(writer, row, retry ? LedgerState.Deferred : LedgerState.Failed, retryAt, messageId, result.ReplyCode, result.Detail, cancellationToken);
            default:
                return await FinishAsync(writer, row, LedgerState.Failed, null, messageId, result.ReplyCode, result.Detail, cancellationToken);
        }
    }

    // A signed message waiting for a sender, with the row it was composed for and the recipient's domain.
    private sealed record ReadyMessage(LedgerRow Row, string Domain, ComposedMessage Message);

    // A batch's rows not yet taken by a compose thread or a sender; each is taken once.
    private sealed class PendingRows(IReadOnlyList<LedgerRow> rows)
    {
        private int _next = -1;

        public bool TryTake(out LedgerRow row)
        {
            var index = Interlocked.Increment(ref _next);
            if (index < rows.Count)
            {
                row = rows[index];
                return true;
            }

            row = null!;
            return false;
        }
    }

    private bool Claim(LedgerRow row, string domain, string? messageId, LedgerWriter writer, CancellationToken cancellationToken)
    {
        if (_pausedDomains.ContainsKey(domain))
        {
            return false;
        }

        var marking = Stages?.ThreadCpu() ?? 0;
        var claimed = writer.MarkSending(row.Id, _options.RunnerId, messageId, cancellationToken);
        Stages?.Add(SendStage.Ledger, marking);
        if (claimed)
        {
            Stages?.CountMessage();
        }

        return claimed;
    }

    // The message never reached SMTP: the row goes back without spending an attempt (an unreachable relay pauses this
    // runner's sending until the transport takes messages again), or stays for the next reservation to release.
    private async Task<string> NotHandedOverAsync(LedgerRow row, string domain, DeliveryResult result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (result.Status)
        {
            case DeliveryStatus.Unreachable:
                var until = result.RetryAt is { } at && at > now ? at : now + TimeSpan.FromSeconds(30);
                Interlocked.Exchange(ref _outageUntilTicks, until.UtcTicks);
                await ledger.PutBackAsync(row.Id, _options.RunnerId, until, $"{SendLedgerStore.RelayUnreachable}: {result.Detail}", CancellationToken.None);
                cancellationToken.ThrowIfCancellationRequested();
                return Held;
            case DeliveryStatus.PolicyBlock:
                // Every transport of the route has this domain paused.
                await PauseAsync(domain, now, result);
                return Skipped;
            default:
                return Skipped;
        }
    }

    // Stored, so later runs and other processes leave the domain alone too: until the route's pause ends (Smtp:PolicyPause), else PolicyPause.
    private async Task PauseAsync(string domain, DateTimeOffset now, DeliveryResult result)
    {
        _pausedDomains.TryAdd(domain, true);
        var until = result.RetryAt is { } at && at > now ? at : now + _options.PolicyPause;
        await ledger.PauseDomainAsync(domain, until, result.Detail, CancellationToken.None);
    }

    // A row that never reached SMTP and cannot (no letter, no valid message): failed, nothing was sent.
    private Task<string> FinishUnsentAsync(LedgerWriter writer, LedgerRow row, string? detail, CancellationToken cancellationToken) =>
        FinishAsync(writer, row, LedgerState.Failed, null, null, null, detail, cancellationToken);

    // Synchronous SQLite under the write gate (the hot path's prepared statement); Task-shaped for the callers.
    private Task<string> FinishAsync(LedgerWriter writer, LedgerRow row, string state, DateTimeOffset? nextAttemptAt, string? messageId, int? replyCode, string? detail, CancellationToken cancellationToken)
    {
        // Recording the outcome must not be cancelled half-way: a 250 already happened.
        var finishing = Stages?.ThreadCpu() ?? 0;
        writer.Finish(row.Id, state, nextAttemptAt, messageId, replyCode, detail);
        Stages?.Add(SendStage.Ledger, finishing);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(state);
    }

    // Outcomes held for a group commit are committed within about two MaxDelays even when no further message follows.
    private async Task FlushHeldOutcomesAsync(LedgerWriter writer, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(LedgerWriter.MaxDelay, time, cancellationToken);
                try
                {
                    writer.FlushIfDue();
                }
                catch (Microsoft.Data.Sqlite.SqliteException)
                {
                    // A busy store: the outcomes stay held, the next mark or flush commits them.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The runner stopped; its final flush commits what is left.
        }
    }

    // The WAL is copied back here, on a pool thread that holds no gate, not inside a sender's commit (LedgerWriter).
    private async Task CheckpointAsync(LedgerWriter writer, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(LedgerWriter.CheckpointEvery, time, cancellationToken);
                try
                {
                    writer.Checkpoint();
                }
                catch (Microsoft.Data.Sqlite.SqliteException)
                {
                    // A busy store: the next call copies it.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The runner stopped.
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.Lease / 3, time, cancellationToken);
                try
                {
                    await ledger.RenewLeaseAsync(_options.RunnerId, _options.Lease, cancellationToken);
                }
                catch (Microsoft.Data.Sqlite.SqliteException)
                {
                    // A busy store: the lease lasts three heartbeats, the next one renews it.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The runner stopped.
        }
    }

    private static void Count(ConcurrentDictionary<string, int> counts, string state, int n)
    {
        if (n > 0)
        {
            counts.AddOrUpdate(state, n, (_, c) => c + n);
            Operations.Telemetry.ConnectorTelemetry.Sent(state, n);
        }
    }

    private static string Domain(string address) => address[(address.LastIndexOf('@') + 1)..];
}
