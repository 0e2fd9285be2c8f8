using Connector.Sending.Composing;

namespace Connector.Sending.Ledger;

/// <summary>What the runner asks for each claimed row: the rendered letter and the send it belongs to (consumer-owned).</summary>
public interface ILetterSource
{
    Task<(Letter Letter, SendContext Context)?> PrepareAsync(LedgerRow row, CancellationToken cancellationToken);

    /// <summary>Why <see cref="PrepareAsync"/> gave no letter for this row, when the source knows (recorded on the row).</summary>
    string? ProblemWith(LedgerRow row) => null;
}
