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
        if (response.StatusCode != HttpStatusCode.Unauthorized
            || !await IsTokenRejectedAsync(response, cancellationToken)
            || !await credentials.TryRefreshAsync(portal, cancellationToken))
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
