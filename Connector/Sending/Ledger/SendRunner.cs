using System.Collections.Concurrent;
using System.Globalization;
using Connector.Sending.Composing;
using Connector.Sending.Smtp;

namespace Connector.Sending.Ledger;

/// <summary>
/// Sends what the ledger says is due, at most once per (send key, recipient), side by side with other runners on the
/// same store: reserve a batch in one transaction (expired, suppressed, capped and over-budget rows settled there) →
/// compose → wait for the domain's rate → mark the row <c>sending</c> (committed) → deliver → record the outcome at once.
/// A row is only ever handed to SMTP after its <c>sending</c> mark committed; rows a dead runner (lease expired) left in
/// <c>sending</c> are failed, never resent, and its unsent reservations go back to the queue. The one window left: the
/// server's 250 arrived and the process died before the <c>sent</c> write (one row per connection at most); that row
/// ends up failed/"outcome unknown" although delivered. Deferrals back off exponentially (1 min × 2^attempts, at most
/// 6 h, 8 attempts); a policy block pauses the recipient's domain for the rest of the pass and never suppresses; a hard
/// reject suppresses the address. Each worker has its own composer (signers and parsers are not shared across threads).
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

    public string RunnerId => _options.RunnerId;

    public async Task<SendRunSummary> RunAsync(CancellationToken cancellationToken)
    {
        var counts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var abandoned = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Workers), CancellationToken = cancellationToken };
        using var stopHeartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = HeartbeatAsync(stopHeartbeat.Token);
        try
        {
            while (true)
            {
                var batch = await ledger.ReserveAsync(Policy(), cancellationToken);
                abandoned += batch.Abandoned;
                Count(counts, LedgerState.Expired, batch.Expired);
                Count(counts, LedgerState.Suppressed, batch.Suppressed);
                Count(counts, Held, batch.Capped);
                if (batch.Candidates == 0)
                {
                    return new SendRunSummary(counts.GetValueOrDefault(LedgerState.Sent), counts.GetValueOrDefault(LedgerState.Deferred) + counts.GetValueOrDefault(Held),
                        counts.GetValueOrDefault(LedgerState.Failed), counts.GetValueOrDefault(LedgerState.Suppressed), counts.GetValueOrDefault(LedgerState.Expired), abandoned);
                }

                await Parallel.ForEachAsync(batch.Rows, parallel, async (row, token) =>
                {
                    var composer = _idleComposers.TryTake(out var idle) ? idle : composers();
                    try
                    {
                        Count(counts, await SendOneAsync(row, composer, token), 1);
                    }
                    finally
                    {
                        _idleComposers.Add(composer);
                    }
                });
            }
        }
        finally
        {
            await stopHeartbeat.CancelAsync();
            await heartbeat;
            await ledger.ReleaseRunnerAsync(_options.RunnerId, CancellationToken.None);
        }
    }

    private ReservePolicy Policy() => new(_options.RunnerId, _options.Lease, Math.Max(1, _options.BatchSize))
    {
        SenderDomain = _options.SenderDomain,
        SendKey = _options.SendKey,
        Cap = _options.Cap,
        WarmUpBudget = _options.WarmUp.For(_options.SenderDomain).BudgetOn(time.GetUtcNow()),
        PausedDomains = _pausedDomains.Keys.ToList(),
    };

    private async Task<string> SendOneAsync(LedgerRow row, MessageComposer composer, CancellationToken cancellationToken)
    {
        if (_pausedDomains.ContainsKey(Domain(row.Recipient)))
        {
            return Skipped;
        }

        if (await letters.PrepareAsync(row, cancellationToken) is not { } prepared)
        {
            return await FinishUnsentAsync(row, letters.ProblemWith(row) ?? "no letter for this row", cancellationToken);
        }

        var composed = composer.Compose(prepared.Letter, new LetterRecipient(row.ContactId, row.Recipient, null), prepared.Context with { SendId = row.Id });
        if (composed.Message is not { } message)
        {
            return await FinishUnsentAsync(row, composed.Error, cancellationToken);
        }

        // The MIME tree holds content streams: release them as soon as the message is on the wire.
        using var mime = message.Message;
        await _options.Rates.WaitAsync(Domain(row.Recipient), cancellationToken);
        if (_pausedDomains.ContainsKey(Domain(row.Recipient)) || !await ledger.MarkSendingAsync(row.Id, _options.RunnerId, cancellationToken))
        {
            return Skipped;
        }

        var result = await transport.SendAsync(message, row.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        var retryAt = time.GetUtcNow() + TimeSpan.FromMinutes(Math.Min(360, Math.Pow(2, row.Attempts)));
        var retry = row.Attempts + 1 < MaxAttempts;
        switch (result.Status)
        {
            case DeliveryStatus.Accepted:
                return await FinishAsync(row, LedgerState.Sent, null, message.Message.MessageId, result.ReplyCode, null, cancellationToken);
            case DeliveryStatus.HardReject:
                await ledger.SuppressAsync(row.Recipient, "hard_bounce", $"{row.SendKey}: {result.Detail}", CancellationToken.None);
                return await FinishAsync(row, LedgerState.Failed, null, null, result.ReplyCode, result.Detail, cancellationToken);
            case DeliveryStatus.PolicyBlock:
                _pausedDomains.TryAdd(Domain(row.Recipient), true);
                return await FinishAsync(row, retry ? LedgerState.Deferred : LedgerState.Failed, retryAt, null, result.ReplyCode, result.Detail, cancellationToken);
            case DeliveryStatus.Deferred or DeliveryStatus.ConnectionFailure:
                return await FinishAsync(row, retry ? LedgerState.Deferred : LedgerState.Failed, retryAt, null, result.ReplyCode, result.Detail, cancellationToken);
            default:
                return await FinishAsync(row, LedgerState.Failed, null, null, result.ReplyCode, result.Detail, cancellationToken);
        }
    }

    // A row that never reached SMTP and cannot (no letter, no valid message): failed, nothing was sent.
    private async Task<string> FinishUnsentAsync(LedgerRow row, string? detail, CancellationToken cancellationToken) =>
        await FinishAsync(row, LedgerState.Failed, null, null, null, detail, cancellationToken);

    private async Task<string> FinishAsync(LedgerRow row, string state, DateTimeOffset? nextAttemptAt, string? messageId, int? replyCode, string? detail, CancellationToken cancellationToken)
    {
        // Recording the outcome must not be cancelled half-way: a 250 already happened.
        await ledger.FinishAsync(row.Id, state, nextAttemptAt, messageId, replyCode, detail, CancellationToken.None);
        cancellationToken.ThrowIfCancellationRequested();
        return state;
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
        }
    }

    private static string Domain(string address) => address[(address.LastIndexOf('@') + 1)..];
}
