namespace Connector.Scenarios;

/// <summary>
/// What a scan trigger needs beyond the mirror: the saved segment's current members (segment_entered; null when the
/// segment could not be evaluated) and the time-zone order for date_field's local hour (contact field, portal, default).
/// </summary>
public sealed record TriggerScan
{
    public static readonly TriggerScan None = new();

    public IReadOnlyCollection<long>? SegmentMembers { get; init; }

    public string? TimeZoneField { get; init; }

    public TimeZoneInfo? PortalZone { get; init; }

    public TimeZoneInfo DefaultZone { get; init; } = TimeZoneInfo.Utc;
}
