using System.Collections.Concurrent;
using Connector.Crm.Bitrix24.Installs;
using Microsoft.Extensions.Logging;

namespace Connector.Crm.Bitrix24.OAuth;

/// <summary>
/// Refreshes a portal's tokens at most once per expiry: calls for one portal queue on a gate, and a caller whose
/// token was already replaced (here or by another process) just uses the new one. The rotated refresh token is
/// stored before the new access token is used. invalid_grant marks the install as needing re-authorisation.
/// </summary>
public sealed class Bitrix24TokenRefresher(Bitrix24InstallStore installs, Bitrix24OAuthServer oauth, TimeProvider timeProvider, ILogger<Bitrix24TokenRefresher> logger)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private long _refreshes;

    /// <summary>Refreshes done by this process (for tests and logs).</summary>
    public long Refreshes => Interlocked.Read(ref _refreshes);

    /// <summary>
    /// True when usable tokens are stored afterwards. <paramref name="rejectedAccessToken"/> is the token the portal
    /// refused; null forces a refresh (keep-alive of an idle install).
    /// </summary>
    public async Task<bool> RefreshAsync(string memberId, string? rejectedAccessToken, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(memberId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var install = await installs.GetAsync(memberId, cancellationToken);
            if (install is not { IsActive: true, RefreshToken: { } refreshToken })
            {
                return false;
            }

            if (rejectedAccessToken is not null && install.AccessToken != rejectedAccessToken)
            {
                return true;
            }

            var (tokens, error) = await oauth.RefreshAsync(refreshToken, cancellationToken);
            if (tokens is not null)
            {
                if (!string.Equals(tokens.MemberId, memberId, StringComparison.Ordinal))
                {
                    logger.LogError("Bitrix24 {Portal}: the OAuth server answered for another portal; tokens not stored", memberId);
                    return false;
                }

                await installs.SaveTokensAsync(tokens, cancellationToken);
                Interlocked.Increment(ref _refreshes);
                logger.LogInformation("Bitrix24 {Portal}: tokens refreshed", memberId);
                return true;
            }

            return await OnRefreshFailedAsync(install, error!, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<bool> OnRefreshFailedAsync(Bitrix24Install install, Bitrix24OAuthError error, CancellationToken cancellationToken)
    {
        if (!error.IsInvalidGrant)
        {
            logger.LogWarning("Bitrix24 {Portal}: token refresh failed: {Error}", install.MemberId, error);
            return false;
        }

        // Another process (CLI beside serve) may be rotating the same refresh token right now: the OAuth server already
        // answered it, but its store write may still be in flight. Give it a moment before declaring the grant dead.
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var current = await installs.GetAsync(install.MemberId, cancellationToken);
            if (current?.RefreshToken is { } now && now != install.RefreshToken)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), timeProvider, cancellationToken);
        }

        await installs.SetStatusAsync(install.MemberId, Bitrix24InstallStatus.NeedsReauthorization,
            "The refresh token was rejected (invalid_grant): open the app in the portal or reinstall it to authorise again.", forgetTokens: false, cancellationToken);
        logger.LogError("Bitrix24 {Portal}: the refresh token was rejected (invalid_grant); the portal needs re-authorisation (open or reinstall the app) and its work is paused", install.MemberId);
        return false;
    }
}
