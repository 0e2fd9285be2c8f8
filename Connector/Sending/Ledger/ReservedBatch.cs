namespace Connector.Sending.Ledger;

/// <summary>
/// What one reservation did: the rows now held by the runner, and what it settled on the way — expired, suppressed,
/// held back by the frequency cap or the warm-up budget (deferred without spending an attempt), and rows of dead runners
/// failed as "outcome unknown". <see cref="Candidates"/> is 0 when nothing was due.
/// </summary>
public sealed record ReservedBatch(IReadOnlyList<LedgerRow> Rows, int Candidates, int Expired, int Suppressed, int Capped, int Abandoned);
