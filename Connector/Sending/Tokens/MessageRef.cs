namespace Connector.Sending.Tokens;

/// <summary>Which message went to whom: the send (ledger row) and the recipient (CRM contact). No address, no PII.</summary>
public readonly record struct MessageRef(long SendId, long RecipientId);
