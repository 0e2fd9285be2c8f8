namespace Connector.Web.Settings.Throttles;

/// <summary>One configuration key as the page shows it: the key, its effective value (null: unset, the default applies) and the default.</summary>
public sealed record ConfigSetting(string Key, string? Value, string Default);
