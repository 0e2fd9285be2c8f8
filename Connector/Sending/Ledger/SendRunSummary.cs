namespace Connector.Sending.Ledger;

/// <summary>What one pass over the ready rows did.</summary>
public sealed record SendRunSummary(int Sent, int Deferred, int Failed, int Suppressed, int Expired, int Abandoned);
