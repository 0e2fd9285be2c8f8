using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using Connector.Crm.Bitrix24.Installs;
using Connector.Web;
using Microsoft.Extensions.Logging;

namespace Connector.Crm.Bitrix24.Placement;

/// <summary>
/// Who may open a widget page (bitrix24-automation.md §7.3). The member_id must have an active install. When the POST
/// carries <c>APPLICATION_TOKEN</c> (some docs examples do), it must equal the stored one (constant time). Otherwise —
/// the documented widget field list has no such field — the viewer's <c>AUTH_ID</c> is proved with one
/// <c>batch</c> of <c>app.info</c> + <c>user.current</c> sent to the install's <b>stored</b> client endpoint (never to
/// the POST's <c>DOMAIN</c>); an app.info that names a member_id must name this one. A proved token is remembered
/// until it expires (<c>AUTH_EXPIRES</c>, at most an hour), so a reload costs no request. Proofs per portal are
/// limited (burst <see cref="ProofBurst"/>, then one a second; beyond that 429), so forged AUTH_IDs cannot spend the
/// portal's request budget. The same batch asks <c>user.admin</c> (api-reference/common/users/user-admin.md), so the
/// pages know who the viewer is and whether they may change settings; a valid APPLICATION_TOKEN with an AUTH_ID is
/// proved the same way to learn the viewer (a wrong APPLICATION_TOKEN is never rescued by a valid AUTH_ID). The token
/// is used for nothing else and never stored.
/// </summary>
public sealed class Bitrix24PlacementAuthenticator(
    Bitrix24InstallStore installs, IHttpClientFactory http, TimeProvider timeProvider, ILogger<Bitrix24PlacementAuthenticator> logger)
{
    public const string HttpClientName = "bitrix24-placement-proof";
    public const int MaxCached = 10_000;
    public const int ProofBurst = 20;
    private const int Ok = StatusCodes.Status200OK;
    private const int Unauthorized = StatusCodes.Status401Unauthorized;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Proved> _proved = new(StringComparer.Ordinal);
    private readonly PartitionedRateLimiter<string> _proofLimit = PartitionedRateLimiter.Create<string, string>(member =>
        RateLimitPartition.GetTokenBucketLimiter(member, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = ProofBurst, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0, AutoReplenishment = true,
        }));

    private long _proofs;

    /// <summary>How many <c>AUTH_ID</c> proofs went to a portal (for tests and diagnostics).</summary>
    public long Proofs => Interlocked.Read(ref _proofs);

    public async Task<(Bitrix24PlacementViewer? Viewer, string? Refusal, int Status)> AuthenticateAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var memberId = form["member_id"].ToString();
        if (memberId.Length is 0 or > 64)
        {
            return (null, memberId.Length == 0 ? "member_id is missing" : "member_id is longer than a member_id can be", Unauthorized);
        }

        var install = await installs.GetAsync(memberId, cancellationToken);
        if (install is not { IsActive: true })
        {
            return (null, $"member_id {LogText.Safe(memberId, 64)} has no active install", Unauthorized);
        }

        var now = timeProvider.GetUtcNow();
        var lifetime = now + Lifetime(form["AUTH_EXPIRES"].ToString());
        var applicationToken = form["APPLICATION_TOKEN"].ToString();
        var authId = form["AUTH_ID"].ToString();
        if (applicationToken.Length > 0)
        {
            if (!Same(applicationToken, install.ApplicationToken))
            {
                return (null, $"APPLICATION_TOKEN does not match the one stored for member_id {install.MemberId}", Unauthorized);
            }

            if (authId.Length == 0)
            {
                return (new Bitrix24PlacementViewer(install, 0, false, lifetime), null, Ok);
            }
        }
        else if (authId.Length == 0)
        {
            return (null, "neither APPLICATION_TOKEN nor AUTH_ID was sent", Unauthorized);
        }

        var key = CacheKey(install.MemberId, authId);
        if (_proved.TryGetValue(key, out var proved) && proved.Until > now)
        {
            return (new Bitrix24PlacementViewer(install, proved.UserId, proved.IsAdmin, proved.Until), null, Ok);
        }

        using var lease = _proofLimit.AttemptAcquire(install.MemberId);
        if (!lease.IsAcquired)
        {
            return (null, $"too many AUTH_ID proofs for member_id {install.MemberId}; try again shortly", StatusCodes.Status429TooManyRequests);
        }

        var (viewer, refusal) = await ProveAsync(install, authId, cancellationToken);
        if (viewer is null)
        {
            return (null, refusal, Unauthorized);
        }

        Remember(key, viewer with { Until = lifetime }, now);
        return (new Bitrix24PlacementViewer(install, viewer.UserId, viewer.IsAdmin, lifetime), null, Ok);
    }

    private async Task<(Proved? Viewer, string? Refusal)> ProveAsync(Bitrix24Install install, string authId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _proofs);
        using var content = new FormUrlEncodedContent(
        [
            new("auth", authId), new("halt", "1"), new("cmd[app]", "app.info"), new("cmd[user]", "user.current"), new("cmd[admin]", "user.admin"),
        ]);
        try
        {
            using var response = await http.CreateClient(HttpClientName).PostAsync(new Uri(install.ClientEndpoint, "batch"), content, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (null, $"AUTH_ID was refused by the portal of member_id {install.MemberId} (HTTP {(int)response.StatusCode})");
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var refusal = Check(json.RootElement, install);
            return refusal is null ? (Viewer(json.RootElement), null) : (null, refusal);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("Bitrix24 {Portal}: could not prove a placement's AUTH_ID: {Error}", install.MemberId, LogText.Safe(ex.Message));
            return (null, $"AUTH_ID could not be proved with the portal of member_id {install.MemberId}");
        }
    }

    // Check has made sure result.result.user.ID exists; ID is a string ("1"), user.admin a bare true/false.
    private static Proved Viewer(JsonElement root)
    {
        var results = root.GetProperty("result").GetProperty("result");
        var id = results.GetProperty("user").GetProperty("ID");
        var userId = id.ValueKind switch
        {
            JsonValueKind.String when long.TryParse(id.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
            JsonValueKind.Number when id.TryGetInt64(out var number) => number,
            _ => 0,
        };
        var admin = results.TryGetProperty("admin", out var flag) && flag.ValueKind == JsonValueKind.True;
        return new Proved(DateTimeOffset.MinValue, userId, admin);
    }

    // {"result":{"result":{"app":{..},"user":{"ID":"1",..}},"result_error":[]|{..},..}} (settings/how-to-call-rest-api/batch.md).
    private static string? Check(JsonElement root, Bitrix24Install install)
    {
        var memberId = install.MemberId;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("result", out var outer) || outer.ValueKind != JsonValueKind.Object
            || !outer.TryGetProperty("result", out var results) || results.ValueKind != JsonValueKind.Object)
        {
            return "the portal's batch answer has no result";
        }

        if (outer.TryGetProperty("result_error", out var errors) && errors.ValueKind == JsonValueKind.Object
            && (errors.TryGetProperty("app", out _) || errors.TryGetProperty("user", out _)))
        {
            return $"app.info/user.current failed for AUTH_ID on member_id {memberId}";  // a failed user.admin (last) only means "not an admin"
        }

        if (!results.TryGetProperty("app", out var app) || app.ValueKind != JsonValueKind.Object
            || !results.TryGetProperty("user", out var user) || user.ValueKind != JsonValueKind.Object || !user.TryGetProperty("ID", out _))
        {
            return "the portal's batch answer lacks app.info or user.current";
        }

        // The cloud's app.info (answered by the OAuth module) names the install; the portal's own one does not.
        if (app.TryGetProperty("install", out var installed) && installed.ValueKind == JsonValueKind.Object
            && installed.TryGetProperty("member_id", out var member) && member.ValueKind == JsonValueKind.String
            && !Same(member.GetString()!, memberId))
        {
            return $"AUTH_ID belongs to another portal than member_id {memberId}";
        }

        if (installed.ValueKind == JsonValueKind.Object && installed.TryGetProperty("client_endpoint", out var endpoint) && endpoint.ValueKind == JsonValueKind.String
            && !(Uri.TryCreate(endpoint.GetString(), UriKind.Absolute, out var answered) && answered == install.ClientEndpoint))
        {
            return $"AUTH_ID belongs to another address than the one stored for member_id {memberId}";
        }

        return null;
    }

    private void Remember(string key, Proved proved, DateTimeOffset now)
    {
        if (_proved.Count >= MaxCached)
        {
            foreach (var stale in _proved.Where(p => p.Value.Until <= now).Select(p => p.Key).ToList())
            {
                _proved.TryRemove(stale, out _);
            }

            if (_proved.Count >= MaxCached)
            {
                _proved.Clear();
            }
        }

        _proved[key] = proved;
    }

    private sealed record Proved(DateTimeOffset Until, long UserId, bool IsAdmin);

    private static TimeSpan Lifetime(string authExpires) =>
        int.TryParse(authExpires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(Math.Min(seconds, MaxLifetime.TotalSeconds))
            : TimeSpan.FromMinutes(5);

    private static string CacheKey(string memberId, string authId) =>
        memberId + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(authId)));

    private static bool Same(string presented, string stored) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(stored));
}
