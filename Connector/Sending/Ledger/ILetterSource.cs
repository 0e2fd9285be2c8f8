using Connector.Sending.Composing;

namespace Connector.Sending.Ledger;

/// <summary>What the runner asks for each claimed row: the rendered letter and the send it belongs to (consumer-owned).</summary>
public interface ILetterSource
{
    Task<(Letter Letter, SendContext Context)?> PrepareAsync(LedgerRow row, CancellationToken cancellationToken);

    /// <summary>
    /// Called once for each reserved batch before any of its rows is prepared (and never while another batch's rows are
    /// being prepared): a source that loads recipient data a batch at a time loads it here.
    /// </summary>
    Task PrepareBatchAsync(IReadOnlyList<LedgerRow> rows, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Why <see cref="PrepareAsync"/> gave no letter for this row, when the source knows (recorded on the row).</summary>
    string? ProblemWith(LedgerRow row) => null;
}
