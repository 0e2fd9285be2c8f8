namespace Connector.Scenarios;

/// <summary>The mirror's and the suppression list's view of one enrollment's deal and contact (one query).</summary>
public sealed record FactsRow
{
    public long? DealFound { get; init; }

    public string? DealStage { get; init; }

    public long? DealPipeline { get; init; }

    public string? DealSemantic { get; init; }

    public string? DealTitle { get; init; }

    public long? DealAssignedBy { get; init; }

    /// <summary>portals.time_zone: the portal's zone id or fixed offset, as Sync stored it.</summary>
    public string? PortalZone { get; init; }

    public string? DealFields { get; init; }

    public long? ContactFound { get; init; }

    public string? ContactName { get; init; }

    public string? ContactLastName { get; init; }

    public string? ContactFields { get; init; }

    public string? Suppressed { get; init; }
}
