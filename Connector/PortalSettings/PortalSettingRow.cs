namespace Connector.PortalSettings;

/// <summary>A value a portal set (nominal record for Dapper): key, value, when and by whom (user id, and the name the mirror has).</summary>
public sealed record PortalSettingRow
{
    public required string Key { get; init; }

    public required string Value { get; init; }

    public required string UpdatedAt { get; init; }

    public long UpdatedBy { get; init; }

    public string? UpdatedByName { get; init; }
}
