using Connector.Sending.Composing;
using Connector.Sending.Ledger;
using Connector.Sending.Smtp;

namespace Connector.Tests.Sending;

/// <summary>
/// What a runner test stands on: one time, a <see cref="LedgerRig"/> and a <see cref="SendingRig"/> over that time (the
/// latter made with the first runner: its composers sign nothing); recipients queued under a key (due now, one day to
/// live), runners over the ledger for a transport and options, and a key's rows.
/// </summary>
internal sealed class RunnerRig(TimeProvider time) : IDisposable
{
    private SendingRig? _sending;

    public TimeProvider Time { get; } = time;

    public SendingRig Sending => _sending ??= new SendingRig(Time);

    public LedgerRig Ledger { get; } = new(time);

    public SendLedgerStore Store => Ledger.Ledger;

    /// <summary>A rig over <paramref name="time"/> with <paramref name="count"/> campaign recipients queued under the key.</summary>
    public static async Task<RunnerRig> QueuedAsync(TimeProvider time, string sendKey, int count, CancellationToken cancellationToken)
    {
        var rig = new RunnerRig(time);
        try
        {
            await rig.EnqueueAsync(sendKey, count, cancellationToken);
            return rig;
        }
        catch
        {
            rig.Dispose();
            throw;
        }
    }

    /// <summary>Queues <paramref name="count"/> campaign recipients (r1@example.org …) under the key.</summary>
    public Task<int> EnqueueAsync(string sendKey, int count, CancellationToken cancellationToken) =>
        EnqueueAsync(sendKey, MailKind.Campaign, LedgerRig.Recipients(count), cancellationToken);

    public Task<int> EnqueueAsync(string sendKey, MailKind kind, IEnumerable<(string Recipient, long ContactId)> recipients, CancellationToken cancellationToken) =>
        Store.EnqueueAsync(sendKey, kind, recipients, Time.GetUtcNow(), TimeSpan.FromDays(1), cancellationToken);

    /// <summary>Queues <paramref name="count"/> recipients under the key and reserves them all for a runner (two-minute lease).</summary>
    public async Task<IReadOnlyList<LedgerRow>> ReservedAsync(string sendKey, int count, string runnerId, CancellationToken cancellationToken)
    {
        await EnqueueAsync(sendKey, count, cancellationToken);
        return (await Store.ReserveAsync(new ReservePolicy(runnerId, TimeSpan.FromMinutes(2), count), cancellationToken)).Rows;
    }

    /// <summary>A runner over <paramref name="ledger"/> (by default this rig's store) with the sample letter for every row.</summary>
    public SendRunner Runner(IDeliveryTransport transport, SendRunnerOptions? options = null, SendLedgerStore? ledger = null)
    {
        var sending = Sending;
        return new(ledger ?? Store, () => new MessageComposer(sending.Settings, sending.Tokens, null, Time), transport, new LedgerRig.SampleLetters(), Time, options);
    }

    public Task<IReadOnlyList<LedgerRow>> RowsAsync(string sendKey, CancellationToken cancellationToken) => Store.RowsAsync(sendKey, cancellationToken);

    public void Dispose()
    {
        Ledger.Dispose();
        _sending?.Dispose();
    }
}
