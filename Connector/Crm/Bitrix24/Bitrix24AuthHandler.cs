using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;

namespace Connector.Crm.Bitrix24;

/// <summary>
/// Rewrites the placeholder address into the portal's real URL using the <see cref="IBitrix24Credentials"/> for the
/// portal's auth mode. Sits outside the resilience handler, so it runs once per call and a refresh-and-resend goes
/// through the limiter again. Logs <see cref="Bitrix24Portal.Key"/> only: the webhook URL is a secret.
/// Missing credentials come back as a synthetic 401 answer, so the caller sees an Auth error value, not an exception.
/// </summary>
public sealed class Bitrix24AuthHandler(IEnumerable<IBitrix24Credentials> credentials, ILogger<Bitrix24AuthHandler> logger)
    : DelegatingHandler
{
    public const string NotConfiguredCode = "CREDENTIALS_NOT_CONFIGURED";

    private readonly IBitrix24Credentials[] _credentials = credentials.ToArray();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var portal = Bitrix24RequestOptions.GetPortal(request);
        var method = Bitrix24RequestOptions.GetCall(request).Method;
        var relativeUrl = request.RequestUri?.PathAndQuery.TrimStart('/') ?? method;
        var credentials = Array.Find(_credentials, c => c.Mode == portal.AuthMode);
        if (credentials is null)
        {
            logger.LogWarning("Bitrix24 {Portal}: no credentials for auth mode {Mode}", portal.Key, portal.AuthMode);
            return Refusal(request, new Bitrix24Error(
                Bitrix24ErrorKind.Auth, NotConfiguredCode, $"{portal.AuthMode} credentials are not configured", 401));
        }

        if (await credentials.ApplyAsync(request, portal, relativeUrl, cancellationToken) is { } error)
        {
            logger.LogWarning("Bitrix24 {Portal}: cannot authorize {Method}: {Error}", portal.Key, method, error);
            return Refusal(request, error);
        }

        logger.LogDebug("Bitrix24 {Portal}: {Method}", portal.Key, method);
        var response = await base.SendAsync(request, cancellationToken);
        response = await FollowDomainChangeAsync(request, response, portal, credentials, method, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized
            || !await IsTokenRejectedAsync(response, cancellationToken)
            || !await credentials.TryRefreshAsync(request, portal, cancellationToken))
        {
            return response;
        }

        logger.LogInformation("Bitrix24 {Portal}: token refreshed, repeating {Method}", portal.Key, method);
        response.Dispose();
        if (await credentials.ApplyAsync(request, portal, relativeUrl, cancellationToken) is { } again)
        {
            return Refusal(request, again);
        }

        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// A portal whose domain changed answers 302 (change-domen.md). Auto-redirect is off (it would turn the POST into
    /// a GET): the new REST base is recorded and the same request is sent once to the Location.
    /// </summary>
    private async Task<HttpResponseMessage> FollowDomainChangeAsync(
        HttpRequestMessage request, HttpResponseMessage response, Bitrix24Portal portal, IBitrix24Credentials credentials, string method, CancellationToken cancellationToken)
    {
        if ((int)response.StatusCode is not (301 or 302 or 307 or 308) || response.Headers.Location is not { } location)
        {
            return response;
        }

        var target = location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location);
        var at = target.AbsolutePath.LastIndexOf("/" + method, StringComparison.Ordinal);
        if (at < 0 || target.Scheme != Uri.UriSchemeHttps && !target.IsLoopback)
        {
            logger.LogWarning("Bitrix24 {Portal}: {Method} answered a redirect that is not a REST address; not followed", portal.Key, method);
            return response;
        }

        var newEndpoint = new Uri(target.GetLeftPart(UriPartial.Authority) + target.AbsolutePath[..(at + 1)]);
        await credentials.MovedAsync(portal, newEndpoint, cancellationToken);
        logger.LogWarning("Bitrix24 {Portal}: the portal moved to {Domain}; following{Hint}", portal.Key, newEndpoint.Authority,
            portal.AuthMode == Bitrix24AuthMode.Webhook ? " (update Bitrix24:WebhookUrl)" : " and recorded");
        response.Dispose();
        request.RequestUri = target;
        return await base.SendAsync(request, cancellationToken);
    }

    private static async Task<bool> IsTokenRejectedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        using var document = Bitrix24Wire.TryParse(body);
        var code = document is null ? null : Bitrix24Wire.ReadError(document.RootElement, 401)?.Code;
        return string.Equals(code, Bitrix24Error.ExpiredToken, StringComparison.OrdinalIgnoreCase)
            || string.Equals(code, Bitrix24Error.InvalidToken, StringComparison.OrdinalIgnoreCase);
    }

    private static HttpResponseMessage Refusal(HttpRequestMessage request, Bitrix24Error error) =>
        new((HttpStatusCode)(error.HttpStatus ?? 401))
        {
            RequestMessage = request,
            Content = JsonContent.Create(new Dictionary<string, string>
            {
                ["error"] = error.Code,
                ["error_description"] = error.Description,
            }),
        };
}
