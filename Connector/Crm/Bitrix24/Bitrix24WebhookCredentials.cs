namespace Connector.Crm.Bitrix24;

/// <summary>Incoming webhook: the URL <c>https://portal/rest/{user}/{code}/</c> is the credential; nothing to refresh.</summary>
public sealed class Bitrix24WebhookCredentials : IBitrix24Credentials
{
    public Bitrix24AuthMode Mode => Bitrix24AuthMode.Webhook;

    public ValueTask<Bitrix24Error?> ApplyAsync(
        HttpRequestMessage request, Bitrix24Portal portal, string relativeUrl, CancellationToken cancellationToken)
    {
        var endpoint = portal.Endpoint;
        if (!endpoint.IsAbsoluteUri)
        {
            return ValueTask.FromResult<Bitrix24Error?>(
                new Bitrix24Error(Bitrix24ErrorKind.Auth, "WEBHOOK_URL_INVALID", $"Portal {portal.Key}: webhook URL is not absolute"));
        }

        var baseUri = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        request.RequestUri = new Uri(baseUri, relativeUrl);
        return ValueTask.FromResult<Bitrix24Error?>(null);
    }

    public ValueTask<bool> TryRefreshAsync(HttpRequestMessage request, Bitrix24Portal portal, CancellationToken cancellationToken) =>
        ValueTask.FromResult(false);

    /// <summary>A webhook URL lives in configuration: calls follow the redirect, and the log asks for the new URL.</summary>
    public ValueTask MovedAsync(Bitrix24Portal portal, Uri newEndpoint, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
