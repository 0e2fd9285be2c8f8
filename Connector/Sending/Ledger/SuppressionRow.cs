namespace Connector.Sending.Ledger;

/// <summary>One suppression list entry as read back (nominal record for Dapper).</summary>
public sealed record SuppressionRow
{
    public required string Address { get; init; }

    public required string Reason { get; init; }

    public string? Source { get; init; }

    public required string CreatedAt { get; init; }
}
