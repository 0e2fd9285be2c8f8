using System.Security.Cryptography;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.OAuth;

/// <summary>
/// Access and refresh tokens of the one installed app. Access tokens live AccessTokenLifetimeSeconds by the
/// TimeProvider; a refresh token is single-use: refreshing rotates it (settings/oauth/auto-renewal.md).
/// Not thread-safe: the portal calls it under its lock. Every secret it mints (access and refresh tokens, the
/// application_token, APP_SID) comes from the CSPRNG, never from <see cref="SandboxOptions.Seed"/>: a seeded token could be
/// computed by anyone who knows the seed and would be the same after every restart. The demo data stays seeded.
/// </summary>
internal sealed class SandboxTokenStore(SandboxOptions options, TimeProvider timeProvider)
{
    private readonly Dictionary<string, DateTimeOffset> _access = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _refresh = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _users = new(StringComparer.Ordinal);

    public long Refreshes { get; private set; }

    /// <summary>32 lowercase hex digits (128 random bits), the shape of Bitrix24's tokens.</summary>
    public static string NewHex() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    /// <summary>A token pair of <paramref name="userId"/> (the installing admin, <see cref="SandboxOptions.WebhookUserId"/>, by default).</summary>
    public SandboxTokenGrant Issue(long? userId = null)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var expired in _access.Where(p => p.Value <= now.AddDays(-1)).Select(p => p.Key).ToList())
        {
            _access.Remove(expired);
            _users.Remove(expired);
        }

        var user = userId ?? options.WebhookUserId;
        var grant = new SandboxTokenGrant(NewHex(), now.AddSeconds(options.AccessTokenLifetimeSeconds), NewHex(), options.AccessTokenLifetimeSeconds);
        _access[grant.AccessToken] = grant.ExpiresAt;
        _users[grant.AccessToken] = user;
        _refresh[grant.RefreshToken] = user;
        return grant;
    }

    /// <summary>Only an access token, for event payloads (events never carry a refresh token, api-reference/events/index.md).</summary>
    public (string Token, DateTimeOffset ExpiresAt) IssueAccessOnly()
    {
        var expiresAt = timeProvider.GetUtcNow().AddSeconds(options.AccessTokenLifetimeSeconds);
        var token = NewHex();
        _access[token] = expiresAt;
        return (token, expiresAt);
    }

    /// <summary>The user a live or expired access token was issued to (the installing admin for event tokens).</summary>
    public long UserOf(string token) => _users.TryGetValue(token, out var user) ? user : options.WebhookUserId;

    public DateTimeOffset? ExpiresAt(string token) => _access.TryGetValue(token, out var expiresAt) ? expiresAt : null;

    public bool IsLive(string token) => _access.TryGetValue(token, out var expiresAt) && expiresAt > timeProvider.GetUtcNow();

    /// <summary>Checks a REST call's <c>auth</c> (_includes/system-errors.md; invalid_token text from the Python SDK's BitrixAPIInvalidToken).</summary>
    public SandboxError? Check(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return SandboxError.NoAuthFound;
        }

        if (!_access.TryGetValue(token, out var expiresAt))
        {
            return SandboxError.InvalidToken;
        }

        return expiresAt <= timeProvider.GetUtcNow() ? SandboxError.ExpiredToken : null;
    }

    /// <summary>Rotates: the presented refresh token dies at once, a new pair is issued; null when unknown or revoked.</summary>
    public SandboxTokenGrant? Refresh(string refreshToken)
    {
        if (!_refresh.Remove(refreshToken, out var user))
        {
            return null;
        }

        Refreshes++;
        return Issue(user);
    }

    public void ExpireAccessTokens()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var token in _access.Keys.ToList())
        {
            _access[token] = now;
        }
    }

    public void RevokeRefreshTokens() => _refresh.Clear();

    public void RevokeAll()
    {
        _access.Clear();
        _refresh.Clear();
        _users.Clear();
    }
}
