using System.Collections.Concurrent;
using Connector.Sending.Composing;
using Connector.Sending.Smtp;

namespace Connector.Sending.Ledger;

/// <summary>
/// Sends what the ledger says is due, at most once per (send key, recipient):
/// claim (queued/deferred → sending, committed) → expired if past its TTL → suppressed if on the list → compose →
/// deliver → record the outcome. A row is only ever sent after its claim committed, and a row found in <c>sending</c> at
/// start-up is marked failed, never resent. The one window left: the server's 250 arrived and the process died before
/// the <c>sent</c> write (one row per connection at most); that row ends up failed/"outcome unknown" although delivered.
/// Deferrals back off exponentially (1 min × 2^attempts, at most 6 h, 8 attempts); a policy block pauses the
/// recipient's domain for the rest of the pass and never suppresses; a hard reject suppresses the address.
/// One runner per store: start-up abandons every row in <c>sending</c>. Inside, <paramref name="workers"/> rows are in
/// flight at once, each worker with its own composer (signers and parsers are not shared across threads).
/// </summary>
public sealed class SendRunner(
    SendLedgerStore ledger, Func<MessageComposer> composers, IDeliveryTransport transport, ILetterSource letters, TimeProvider time, int workers = 1,
    FrequencyCap? cap = null, WarmUp? warmUp = null, RateLimits? rates = null)
{
    public const string CappedState = "capped";
    private long _sentToday = -1;
    private DateTimeOffset _today;
    public const int MaxAttempts = 8;
    private readonly ConcurrentDictionary<string, bool> _pausedDomains = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentBag<MessageComposer> _idleComposers = [];

    public async Task<SendRunSummary> RunAsync(CancellationToken cancellationToken)
    {
        var abandoned = await ledger.AbandonInterruptedAsync(cancellationToken);
        var counts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = cancellationToken };
        while (true)
        {
            var rows = (await ledger.ReadyAsync(500, cancellationToken)).Where(r => !_pausedDomains.ContainsKey(Domain(r.Recipient))).ToList();
            if (rows.Count == 0)
            {
                return new SendRunSummary(counts.GetValueOrDefault(LedgerState.Sent), counts.GetValueOrDefault(LedgerState.Deferred) + counts.GetValueOrDefault(CappedState),
                    counts.GetValueOrDefault(LedgerState.Failed), counts.GetValueOrDefault(LedgerState.Suppressed), counts.GetValueOrDefault(LedgerState.Expired), abandoned);
            }

            await Parallel.ForEachAsync(rows, parallel, async (row, token) =>
            {
                if (_pausedDomains.ContainsKey(Domain(row.Recipient)) || !await ledger.TryClaimAsync(row.Id, token))
                {
                    return;
                }

                var composer = _idleComposers.TryTake(out var idle) ? idle : composers();
                try
                {
                    counts.AddOrUpdate(await SendOneAsync(row, composer, token), 1, (_, n) => n + 1);
                }
                finally
                {
                    _idleComposers.Add(composer);
                }
            });
        }
    }

    private async Task<string> SendOneAsync(LedgerRow row, MessageComposer composer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (row.ExpiresAt is { } expiresAt && now > Store.UtcText.Parse(expiresAt))
        {
            return await FinishAsync(row, LedgerState.Expired, null, null, null, $"due {row.DueAt}, not sent by {expiresAt}", cancellationToken);
        }

        if (await ledger.SuppressionAsync(row.Recipient, cancellationToken) is { } reason)
        {
            return await FinishAsync(row, LedgerState.Suppressed, null, null, null, reason, cancellationToken);
        }

        if (await letters.PrepareAsync(row, cancellationToken) is not { } prepared)
        {
            return await FinishAsync(row, LedgerState.Failed, null, null, null, "no letter for this row", cancellationToken);
        }

        if (prepared.Context.Kind != MailKind.Transactional
            && await (cap ?? FrequencyCap.None).NextAllowedAsync(ledger, row.ContactId, now, cancellationToken) is { } later)
        {
            // The cap needs the sent rows to be counted one at a time per contact: fine for one runner (see the summary).
            await ledger.ReleaseAsync(row.Id, later, $"frequency cap until {Store.UtcText.From(later)}", CancellationToken.None);
            return CappedState;
        }

        if (await OverWarmUpBudgetAsync(now, cancellationToken))
        {
            var tomorrow = WarmUp.StartOfDay(now).AddDays(1);
            await ledger.ReleaseAsync(row.Id, tomorrow, $"warm-up budget of {(warmUp ?? WarmUp.None).BudgetOn(now)} a day reached", CancellationToken.None);
            return CappedState;
        }

        var composed = composer.Compose(prepared.Letter, new LetterRecipient(row.ContactId, row.Recipient, null), prepared.Context with { SendId = row.Id });
        if (composed.Message is not { } message)
        {
            return await FinishAsync(row, LedgerState.Failed, null, null, null, composed.Error, cancellationToken);
        }

        // The MIME tree holds content streams: release them as soon as the message is on the wire.
        using var mime = message.Message;
        await (rates ?? RateLimits.None).WaitAsync(Domain(row.Recipient), cancellationToken);
        var result = await transport.SendAsync(message, cancellationToken);
        var retryAt = now + TimeSpan.FromMinutes(Math.Min(360, Math.Pow(2, row.Attempts)));
        var retry = row.Attempts + 1 < MaxAttempts;
        switch (result.Status)
        {
            case DeliveryStatus.Accepted:
                Interlocked.Increment(ref _sentToday);
                return await FinishAsync(row, LedgerState.Sent, null, message.Message.MessageId, result.ReplyCode, null, cancellationToken);
            case DeliveryStatus.HardReject:
                await ledger.SuppressAsync(row.Recipient, "hard_bounce", $"{row.SendKey}: {result.Detail}", cancellationToken);
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

    private async Task<string> FinishAsync(LedgerRow row, string state, DateTimeOffset? nextAttemptAt, string? messageId, int? replyCode, string? detail, CancellationToken cancellationToken)
    {
        // Recording the outcome must not be cancelled half-way: a 250 already happened.
        await ledger.FinishAsync(row.Id, state, nextAttemptAt, messageId, replyCode, detail, CancellationToken.None);
        cancellationToken.ThrowIfCancellationRequested();
        return state;
    }

    // The day's count is read once from the ledger, then kept in memory (one runner per store); a new day re-reads it.
    private async Task<bool> OverWarmUpBudgetAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if ((warmUp ?? WarmUp.None).BudgetOn(now) is not { } budget)
        {
            return false;
        }

        var today = WarmUp.StartOfDay(now);
        if (Interlocked.Read(ref _sentToday) < 0 || today != _today)
        {
            _today = today;
            Interlocked.Exchange(ref _sentToday, await ledger.SentSinceAsync(today, cancellationToken));
        }

        return Interlocked.Read(ref _sentToday) >= budget;
    }

    private static string Domain(string address) => address[(address.LastIndexOf('@') + 1)..];
}
