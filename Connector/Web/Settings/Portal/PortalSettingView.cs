namespace Connector.Web.Settings.Portal;

/// <summary>
/// One setting as the page shows it: field and configuration key, group and kind; the portal's own value (null: not
/// set), the configured one (null: not configured), the default, the value in effect and where it comes from
/// (<c>portal</c>, <c>configuration</c>, <c>default</c>); when and by whom the portal's value was set.
/// </summary>
public sealed record PortalSettingView(
    string Field, string Key, string Group, string Kind, string? Value, string? Configured, string Default, string Effective, string Source,
    string? UpdatedAt, long? UpdatedBy, string? UpdatedByName);
