namespace Connector.Tracking.Hits;

/// <summary>What the recorder reads of a hit's ledger row: whose message it is, its state and when that was last set.</summary>
public sealed record LedgerFacts(long ContactId, string State, DateTimeOffset UpdatedAt, string Recipient, string SendKey);
