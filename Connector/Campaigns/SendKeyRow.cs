namespace Connector.Campaigns;

/// <summary>A <c>send_keys</c> row: kind is <c>Campaign</c> here (Scenarios and transactional sends write their own).</summary>
public sealed record SendKeyRow
{
    public required string SendKey { get; init; }

    public long? PortalId { get; init; }

    public required string Name { get; init; }

    public string Kind { get; init; } = "Campaign";

    public long? DealId { get; init; }

    public required string CreatedAt { get; init; }

    /// <summary>Same portal, kind and deal: a run may add recipients to the key.</summary>
    public bool SameOwner(SendKeyRow other) =>
        other is not null && PortalId == other.PortalId && DealId == other.DealId && string.Equals(Kind, other.Kind, StringComparison.Ordinal);
}
