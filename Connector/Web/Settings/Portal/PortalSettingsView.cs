namespace Connector.Web.Settings.Portal;

/// <summary>The portal's sending settings with their last changes (newest first, at most 50), and the zones quiet hours fall back to.</summary>
public sealed record PortalSettingsView(
    IReadOnlyList<PortalSettingView> Settings, IReadOnlyList<PortalSettingChangeView> Changes, string? PortalTimeZone, string DefaultTimeZone);
