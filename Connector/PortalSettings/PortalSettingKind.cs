namespace Connector.PortalSettings;

/// <summary>What a portal setting holds: a whole number 0–10,000, a <c>HH:mm</c> time (or empty: none), a time zone id (or empty), true/false.</summary>
public enum PortalSettingKind
{
    Count,
    Time,
    TimeZone,
    Switch,
}
