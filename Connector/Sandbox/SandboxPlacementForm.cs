namespace Connector.Sandbox;

/// <summary>
/// The form a portal POSTs when a user opens a bound widget: the handler URL with DOMAIN, PROTOCOL, LANG and APP_SID in
/// its query, and the body fields (api-reference/widgets/_includes/widget_data.md). <see cref="Placement"/>,
/// <see cref="EntityId"/>, the viewer's <see cref="AuthId"/>/<see cref="RefreshId"/> and their lifetime are kept apart
/// for the portal page, which hands the same values to the frame SDK (getInitData).
/// </summary>
public sealed record SandboxPlacementForm(
    Uri Target,
    IReadOnlyList<KeyValuePair<string, string>> Fields,
    string Placement,
    long? EntityId,
    string AppSid,
    string Language,
    string AuthId,
    string RefreshId,
    int ExpiresIn,
    long UserId,
    bool IsAdmin);
