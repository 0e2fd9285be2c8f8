using System.Collections.Concurrent;
using Connector.Sending.Queue;

namespace Connector.Tests.Scenarios;

/// <summary>
/// Stands in for Sending's queue: one ledger row id per send key (the ledger's uniqueness), the first row back with
/// Created false on a repeat; every call recorded. <see cref="Refuse"/> makes a contact's sends refused.
/// </summary>
internal sealed class FakeSendQueue : ISendQueue
{
    private readonly ConcurrentDictionary<string, long> _rows = new(StringComparer.Ordinal);
    private long _next = 1000;

    public ConcurrentQueue<QueuedLetter> Calls { get; } = new();

    public HashSet<long> Refuse { get; } = [];

    /// <summary>The letters that made a new row, in order.</summary>
    public List<QueuedLetter> Created { get; } = [];

    public long? RowOf(string sendKey) => _rows.TryGetValue(sendKey, out var id) ? id : null;

    public Task<QueuedLetterResult> EnqueueAsync(QueuedLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        Calls.Enqueue(letter);
        if (letter.ContactId is { } contact && Refuse.Contains(contact))
        {
            return Task.FromResult(QueuedLetterResult.Refuse("suppressed", "the address is suppressed"));
        }

        var created = false;
        var id = _rows.GetOrAdd(letter.SendKey, _ =>
        {
            created = true;
            return Interlocked.Increment(ref _next);
        });
        if (created)
        {
            lock (Created)
            {
                Created.Add(letter);
            }
        }

        return Task.FromResult(new QueuedLetterResult { LedgerRowId = id, Created = created, Recipient = $"c{letter.ContactId}@example.com" });
    }
}
