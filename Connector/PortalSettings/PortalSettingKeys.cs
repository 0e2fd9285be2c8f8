using Connector.Sending.Ledger;

namespace Connector.PortalSettings;

/// <summary>The settings a portal may set for itself (issue 11, item 2); everything else stays in configuration.</summary>
public static class PortalSettingKeys
{
    public const string CrmMayResubscribe = "Suppression:CrmMayResubscribe";

    public static IReadOnlyList<PortalSettingDefinition> All { get; } =
    [
        new("frequencyPerDay", SendSettingKeys.PerDay, "frequency", PortalSettingKind.Count, "0"),
        new("frequencyPerWeek", SendSettingKeys.PerWeek, "frequency", PortalSettingKind.Count, "0"),
        new("quietHoursStart", SendSettingKeys.QuietStart, "quietHours", PortalSettingKind.Time, ""),
        new("quietHoursEnd", SendSettingKeys.QuietEnd, "quietHours", PortalSettingKind.Time, ""),
        new("quietHoursTimeZone", SendSettingKeys.QuietTimeZone, "quietHours", PortalSettingKind.TimeZone, ""),
        new("trackOpens", SendSettingKeys.TrackOpens, "tracking", PortalSettingKind.Switch, "true"),
        new("trackClicks", SendSettingKeys.TrackClicks, "tracking", PortalSettingKind.Switch, "true"),
        new("crmMayResubscribe", CrmMayResubscribe, "privacy", PortalSettingKind.Switch, "false"),
    ];

    public static PortalSettingDefinition? ByField(string field) => All.FirstOrDefault(d => d.Field == field);

    public static PortalSettingDefinition? ByKey(string key) => All.FirstOrDefault(d => d.Key == key);
}
