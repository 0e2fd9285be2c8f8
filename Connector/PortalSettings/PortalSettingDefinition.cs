namespace Connector.PortalSettings;

/// <summary>
/// One setting a portal admin may set in the app: the field the page and the API name it by, the configuration key it
/// overrides for the portal (the <c>portal_settings</c> key), its group on the page, what it holds and the default when
/// neither the portal nor configuration sets it.
/// </summary>
public sealed record PortalSettingDefinition(string Field, string Key, string Group, PortalSettingKind Kind, string Default);
