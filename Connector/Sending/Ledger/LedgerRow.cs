namespace Connector.Sending.Ledger;

/// <summary>One ledger row as read back (nominal record for Dapper).</summary>
public sealed record LedgerRow
{
    public long Id { get; init; }

    public required string SendKey { get; init; }

    public required string Recipient { get; init; }

    public long ContactId { get; init; }

    /// <summary>The name a recipients file gave the address (migration 0038); null for mirrored contacts' rows.</summary>
    public string? RecipientName { get; init; }

    public required string State { get; init; }

    public required string DueAt { get; init; }

    public string? ExpiresAt { get; init; }

    public long Attempts { get; init; }

    public string? Detail { get; init; }

    public string Kind { get; init; } = "Campaign";

    /// <summary>The runner that reserved the row (null when nobody holds it).</summary>
    public string? Owner { get; init; }

    public string? SenderDomain { get; init; }

    /// <summary>The Message-ID given to the row when it was first handed to SMTP; every later attempt reuses it.</summary>
    public string? MessageId { get; init; }

    /// <summary>Filled by the reservation only: the portal of the row's send key (<c>send_keys.portal_id</c>; null for a file's recipients).</summary>
    public long? PortalId { get; init; }

    /// <summary>Filled by the reservation only: the suppression reason of the recipient, when listed.</summary>
    public string? Suppression { get; init; }
}
