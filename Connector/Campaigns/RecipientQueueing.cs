using System.Diagnostics;
using Connector.Sending.Composing;
using Connector.Sending.Ledger;

namespace Connector.Campaigns;

/// <summary>
/// Queues a campaign's recipients as they are chosen (from a file or the mirror), so a million of them are never held
/// in memory. Up to <see cref="StreamAfter"/> are only collected: the caller can still find that nobody is to be sent
/// and record nothing. Past that the send key is recorded (a key another send owns stops the reading with
/// <see cref="Refusal"/>) and the recipients are written <see cref="Chunk"/> to a transaction (at most once per send key
/// and recipient, so an interrupted run's rerun queues the rest). <see cref="Clock"/> runs while rows are written and
/// from <see cref="FinishAsync"/> on — the queueing and the send, not the reading.
/// </summary>
public sealed class RecipientQueueing(SendLedgerStore ledger, string sendKey, TimeSpan ttl, TimeProvider time, Func<long?, CancellationToken, Task<string?>> recordKey)
{
    /// <summary>Recipients collected before the first rows are written.</summary>
    public const int StreamAfter = 10_000;

    /// <summary>Rows written in one transaction once streaming.</summary>
    public const int Chunk = 5_000;

    private readonly List<(string Recipient, long ContactId, string? Name)> _pending = [];
    private bool _streaming;

    /// <summary>The portal the send key is recorded for (null for a file); set before the first <see cref="AddAsync"/>.</summary>
    public long? PortalId { get; set; }

    public Stopwatch Clock { get; } = new();

    public int Count { get; private set; }

    public int Enqueued { get; private set; }

    /// <summary>Why the send key was refused, when it was.</summary>
    public string? Refusal { get; private set; }

    public async ValueTask AddAsync(string address, long contactId, string? name, CancellationToken cancellationToken)
    {
        _pending.Add((address, contactId, name));
        Count++;
        if (!_streaming && _pending.Count >= StreamAfter)
        {
            if ((Refusal = await recordKey(PortalId, cancellationToken)) is not null)
            {
                throw new OperationCanceledException(Refusal);
            }

            _streaming = true;
        }

        if (_streaming && _pending.Count >= Chunk)
        {
            Clock.Start();
            await FlushAsync(cancellationToken);
            Clock.Stop();
        }
    }

    /// <summary>After the last recipient: records the send key if that has not happened (the refusal, or null), writes what is left; the clock runs on.</summary>
    public async Task<string?> FinishAsync(CancellationToken cancellationToken)
    {
        Clock.Start();
        if (!_streaming && (Refusal = await recordKey(PortalId, cancellationToken)) is not null)
        {
            return Refusal;
        }

        _streaming = true;
        await FlushAsync(cancellationToken);
        return null;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count > 0)
        {
            Enqueued += await ledger.EnqueueNamedAsync(sendKey, MailKind.Campaign, _pending, time.GetUtcNow(), ttl, cancellationToken);
            _pending.Clear();
        }
    }
}
