namespace Connector.Crm.Bitrix24;

/// <summary>
/// Applies one auth mode's credentials to an outgoing request. Webhook: the secret URL. OAuth:
/// <c>client_endpoint</c> + <c>auth</c> token, refreshed on 401 <c>expired_token</c>/<c>invalid_token</c>.
/// </summary>
public interface IBitrix24Credentials
{
    Bitrix24AuthMode Mode { get; }

    /// <summary>Points <paramref name="request"/> at the portal; an error value when credentials are missing.</summary>
    ValueTask<Bitrix24Error?> ApplyAsync(
        HttpRequestMessage request, Bitrix24Portal portal, string relativeUrl, CancellationToken cancellationToken);

    /// <summary>True when fresh credentials were obtained and the rejected request may be sent once more.</summary>
    ValueTask<bool> TryRefreshAsync(HttpRequestMessage request, Bitrix24Portal portal, CancellationToken cancellationToken);

    /// <summary>The portal answered 302: its address changed to <paramref name="newEndpoint"/> (REST base URL).</summary>
    ValueTask MovedAsync(Bitrix24Portal portal, Uri newEndpoint, CancellationToken cancellationToken);
}
