namespace Connector.Bounces;

/// <summary>The ledger row a bounce belongs to, as the Bounces slice reads it (nominal record for Dapper).</summary>
public sealed record BounceLedgerRow
{
    public required long Id { get; init; }

    public required string Recipient { get; init; }

    public required long ContactId { get; init; }
}
