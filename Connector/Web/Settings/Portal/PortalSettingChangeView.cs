namespace Connector.Web.Settings.Portal;

/// <summary>One recorded change: the field and key, before and after (null: not set, configuration applies), when and who.</summary>
public sealed record PortalSettingChangeView(string Field, string Key, string? OldValue, string? NewValue, string At, long By, string? ByName);
