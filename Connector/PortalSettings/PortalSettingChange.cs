namespace Connector.PortalSettings;

/// <summary>One recorded change (nominal record for Dapper): the key, before and after (null = unset), when, by whom.</summary>
public sealed record PortalSettingChange
{
    public long Id { get; init; }

    public required string Key { get; init; }

    public string? OldValue { get; init; }

    public string? NewValue { get; init; }

    public required string ChangedAt { get; init; }

    public long ChangedBy { get; init; }

    public string? ChangedByName { get; init; }
}
