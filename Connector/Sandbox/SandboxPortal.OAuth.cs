using System.Text.Json.Nodes;
using Connector.Sandbox.OAuth;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox;

public sealed partial class SandboxPortal
{
    /// <summary>
    /// The authorization server's <c>GET /oauth/token/?grant_type=refresh_token&amp;client_id&amp;client_secret&amp;refresh_token</c>
    /// (settings/oauth/auto-renewal.md): 200 with the documented fields and a NEW refresh token (the presented one dies),
    /// or 400 <c>{"error","error_description"}</c> with the codes of settings/oauth/error-codes.md.
    /// </summary>
    public SandboxResponse RefreshToken(string? grantType, string? clientId, string? clientSecret, string? refreshToken)
    {
        lock (_lock)
        {
            // error-codes.md gives no statuses; 400 for all of them follows RFC 6749 §5.2.
            if (!string.Equals(grantType, "refresh_token", StringComparison.Ordinal))
            {
                return OAuthFailure("invalid_request", "Unsupported grant_type");
            }

            if (!string.Equals(clientId, Options.ClientId, StringComparison.Ordinal)
                || !string.Equals(clientSecret, Options.ClientSecret, StringComparison.Ordinal))
            {
                return OAuthFailure("invalid_client", "Invalid client data. The application may not be installed");
            }

            if (string.IsNullOrEmpty(refreshToken) || _tokens.Refresh(refreshToken) is not { } grant)
            {
                return OAuthFailure("invalid_grant", "Invalid refresh token");
            }

            return new SandboxResponse(200, TokenJson(grant));
        }
    }

    /// <summary>Test hook: every access token issued so far answers 401 expired_token from now on.</summary>
    public void ExpireAccessTokens()
    {
        lock (_lock)
        {
            _tokens.ExpireAccessTokens();
        }
    }

    /// <summary>Test hook: every refresh token issued so far answers invalid_grant (the 180-day expiry, a reinstall).</summary>
    public void RevokeRefreshTokens()
    {
        lock (_lock)
        {
            _tokens.RevokeRefreshTokens();
        }
    }

    // The token response of settings/oauth/auto-renewal.md; "domain" is the authorization server's, as the docs show.
    private JsonObject TokenJson(SandboxTokenGrant grant) => new()
    {
        ["access_token"] = grant.AccessToken,
        ["client_endpoint"] = ClientEndpointCore.ToString(),
        ["domain"] = OAuthDomain,
        ["expires"] = grant.ExpiresAt.ToUnixTimeSeconds(),
        ["expires_in"] = grant.ExpiresIn,
        ["member_id"] = Options.MemberId,
        ["refresh_token"] = grant.RefreshToken,
        ["scope"] = Scope,
        ["server_endpoint"] = ServerEndpointCore,
        ["status"] = AppStatus,
        ["user_id"] = Options.WebhookUserId,
    };

    private static SandboxResponse OAuthFailure(string code, string description) =>
        new(400, new SandboxError(400, code, description).ToJson());
}
