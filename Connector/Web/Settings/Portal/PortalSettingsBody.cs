using System.Text.Json;

namespace Connector.Web.Settings.Portal;

/// <summary>A change: field → new value (a string, number or true/false; null = unset, back to configuration); fields left out stay as they are.</summary>
public sealed record PortalSettingsBody(Dictionary<string, JsonElement>? Values);
