namespace Connector.Sending.Ledger;

/// <summary>One ledger row as read back (nominal record for Dapper).</summary>
public sealed record LedgerRow
{
    public long Id { get; init; }

    public required string SendKey { get; init; }

    public required string Recipient { get; init; }

    public long ContactId { get; init; }

    public required string State { get; init; }

    public required string DueAt { get; init; }

    public string? ExpiresAt { get; init; }

    public long Attempts { get; init; }

    public string? Detail { get; init; }
}
