namespace Connector.Tests.Crm.Bitrix24.App;

/// <summary>
/// The configuration the app rigs (<see cref="AppRig"/>, <see cref="InboundRig"/>) give the connector: the store in the
/// rig's folder, the OAuth app (client id, secret, OAuth server) and its public URL, then each layer in order (the
/// rig's own defaults, the test's settings); a later layer wins, and a null value leaves the key unset.
/// </summary>
internal static class AppRigSettings
{
    public static Dictionary<string, string?> Build(
        string folder, string clientId, string clientSecret, string oauthServer, string publicUrl, params IDictionary<string, string?>?[] layers)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Store:Path"] = Path.Combine(folder, "mirror.db"),
            ["Bitrix24:ClientId"] = clientId,
            ["Bitrix24:ClientSecret"] = clientSecret,
            ["Bitrix24:OAuthServer"] = oauthServer,
            ["App:PublicUrl"] = publicUrl,
        };
        foreach (var (key, value) in layers.SelectMany(layer => layer ?? new Dictionary<string, string?>()))
        {
            settings[key] = value;
        }

        return settings;
    }
}
