using System.Globalization;
using System.Text.Json;
using Connector.Crm.Bitrix24.Installs;
using Microsoft.Extensions.Options;

namespace Connector.Crm.Bitrix24.OAuth;

/// <summary>
/// Talks to the OAuth server (settings/oauth/auto-renewal.md): <c>GET {server}/oauth/token/?grant_type=refresh_token...</c>.
/// The request URL carries the client secret, so this client's HTTP logging is off and URLs are never logged.
/// </summary>
public sealed class Bitrix24OAuthServer(IHttpClientFactory httpClients, IOptions<Bitrix24OAuthOptions> options, TimeProvider timeProvider)
{
    public const string HttpClientName = "bitrix24-oauth";

    public async Task<(Bitrix24TokenSet? Tokens, Bitrix24OAuthError? Error)> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.IsConfigured)
        {
            return (null, new Bitrix24OAuthError("not_configured", "Bitrix24:ClientId and Bitrix24:ClientSecret are not set", null));
        }

        var url = new Uri(new Uri(o.OAuthServer.AbsoluteUri.TrimEnd('/') + "/"), "oauth/token/?grant_type=refresh_token"
            + $"&client_id={Uri.EscapeDataString(o.ClientId!)}&client_secret={Uri.EscapeDataString(o.ClientSecret!)}&refresh_token={Uri.EscapeDataString(refreshToken)}");
        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).GetAsync(url, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (null, new Bitrix24OAuthError("unreachable", ex is TaskCanceledException ? "timeout" : "connection failed", null));
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return Parse(body, (int)response.StatusCode);
        }
    }

    private (Bitrix24TokenSet?, Bitrix24OAuthError?) Parse(byte[] body, int status)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, new Bitrix24OAuthError("invalid_response", "not a JSON object", status));
            }

            if (root.TryGetProperty("error", out var error))
            {
                var description = root.TryGetProperty("error_description", out var d) ? d.ToString() : "";
                return (null, new Bitrix24OAuthError(error.ToString(), description, status));
            }

            var expiresIn = Bitrix24Json.ReadOptionalLong(root, "expires_in") ?? 3600;
            var expires = Bitrix24Json.ReadOptionalLong(root, "expires");
            var expiresAt = expires is { } unix ? DateTimeOffset.FromUnixTimeSeconds(unix) : timeProvider.GetUtcNow().AddSeconds(expiresIn);
            return (new Bitrix24TokenSet(
                Bitrix24Json.ReadString(root, "access_token"),
                Bitrix24Json.ReadString(root, "refresh_token"),
                expiresAt,
                new Uri(Bitrix24Json.ReadString(root, "client_endpoint")),
                Bitrix24Json.ReadOptionalString(root, "server_endpoint"),
                Bitrix24Json.ReadString(root, "member_id"),
                Bitrix24Json.ReadOptionalString(root, "scope")), null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or UriFormatException)
        {
            return (null, new Bitrix24OAuthError("invalid_response", ex is FormatException ? ex.Message : "not JSON", status));
        }
    }

    public static string Describe(DateTimeOffset instant) => instant.ToString("O", CultureInfo.InvariantCulture);
}
