namespace Connector.Tracking.Hits;

/// <summary>What the recorder reads of a hit's ledger row: whose message it is, its state and when that was last set.</summary>
public sealed record LedgerFacts(long ContactId, string State, DateTimeOffset UpdatedAt, string Recipient, string SendKey)
{
    /// <summary>The list the message was sent under (its List-Id: the send key's name in <c>send_keys</c>), else its send key.</summary>
    public string List { get; init; } = SendKey;
}
