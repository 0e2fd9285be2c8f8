using Connector.Crm.Bitrix24.Installs;

namespace Connector.Crm.Bitrix24.OAuth;

/// <summary>
/// OAuth app credentials: the stored <c>client_endpoint</c> plus <c>auth=ACCESS_TOKEN</c>; on 401 expired_token or
/// invalid_token one refresh through <see cref="Bitrix24TokenRefresher"/>. The portal key is the member_id.
/// </summary>
public sealed class Bitrix24OAuthCredentials(Bitrix24InstallStore installs, Bitrix24TokenRefresher refresher) : IBitrix24Credentials
{
    private static readonly HttpRequestOptionsKey<string> UsedToken = new("Bitrix24.UsedAccessToken");

    public Bitrix24AuthMode Mode => Bitrix24AuthMode.OAuth;

    public async ValueTask<Bitrix24Error?> ApplyAsync(HttpRequestMessage request, Bitrix24Portal portal, string relativeUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(portal);
        var install = await installs.GetAsync(portal.Key, cancellationToken);
        if (install is null)
        {
            return new Bitrix24Error(Bitrix24ErrorKind.Auth, "NOT_INSTALLED", $"portal {portal.Key} has not installed the app", 401);
        }

        if (!install.IsActive || install.AccessToken is null)
        {
            return new Bitrix24Error(Bitrix24ErrorKind.Auth, "NOT_AUTHORISED", $"portal {portal.Key} is {install.Status}: {install.StatusReason ?? "no tokens"}", 401);
        }

        var separator = relativeUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        request.RequestUri = new Uri(install.ClientEndpoint, $"{relativeUrl}{separator}auth={Uri.EscapeDataString(install.AccessToken)}");
        request.Options.Set(UsedToken, install.AccessToken);
        return null;
    }

    public async ValueTask<bool> TryRefreshAsync(HttpRequestMessage request, Bitrix24Portal portal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(portal);
        var used = request.Options.TryGetValue(UsedToken, out var token) ? token : "";
        return await refresher.RefreshAsync(portal.Key, used, cancellationToken);
    }

    public async ValueTask MovedAsync(Bitrix24Portal portal, Uri newEndpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(portal);
        await installs.MoveEndpointAsync(portal.Key, newEndpoint, cancellationToken);
    }
}
