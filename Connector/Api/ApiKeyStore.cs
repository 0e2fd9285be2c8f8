using System.Security.Cryptography;
using System.Text;
using Connector.Store;
using Dapper;

namespace Connector.Api;

/// <summary>
/// The API keys (table api_keys, its only writer; a name since 0034, unique among a portal's live keys). A key is <c>ceb_</c> + 32 random bytes in base64url; its first
/// <see cref="IdLength"/> characters after the prefix are its id, and only the SHA-256 of the whole key is kept.
/// </summary>
public sealed class ApiKeyStore(SqliteConnectionFactory connections, TimeProvider time)
{
    public const string Prefix = "ceb_";
    public const int IdLength = 8;

    /// <summary>A key's name at most (characters).</summary>
    public const int MaxNameLength = 100;

    private const string Insert = "INSERT INTO api_keys (id, portal_id, hash, created_at, name) VALUES (@Id, @Portal, @Hash, @Now, @Name)";

    private const string NameTaken = "SELECT EXISTS (SELECT 1 FROM api_keys WHERE portal_id = @Portal AND name = @Name AND revoked_at IS NULL)";

    private const string List = """
        SELECT k.id AS Id, p.portal_key AS Portal, k.name AS Name, k.created_at AS CreatedAt, k.last_used_at AS LastUsedAt, k.revoked_at AS RevokedAt
        FROM api_keys k JOIN portals p ON p.id = k.portal_id ORDER BY k.created_at, k.id
        """;

    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    private const string Find = """
        SELECT k.portal_id AS PortalId, k.hash AS Hash, p.portal_key AS PortalKey, k.last_used_at AS LastUsedAt
        FROM api_keys k JOIN portals p ON p.id = k.portal_id WHERE k.id = @Id AND k.revoked_at IS NULL
        """;

    /// <summary>Creates a key for the portal; the key is returned once and never stored.</summary>
    public async Task<(string Id, string Key)> CreateAsync(long portalId, CancellationToken cancellationToken) =>
        (await CreateAsync(portalId, null, cancellationToken))!.Value;

    /// <summary>
    /// Creates a key for the portal with a name (null: none); the key is returned once and never stored. Null when
    /// <paramref name="name"/> is already the name of one of the portal's live keys.
    /// </summary>
    public async Task<(string Id, string Key)?> CreateAsync(long portalId, string? name, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        if (name is not null && await connection.ExecuteScalarAsync<bool>(new CommandDefinition(NameTaken, new { Portal = portalId, Name = name }, cancellationToken: cancellationToken)))
        {
            return null;
        }

        for (var attempt = 0; ; attempt++)
        {
            var key = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
            var id = key.Substring(Prefix.Length, IdLength);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(Insert, new { Id = id, Portal = portalId, Hash = Hash(key), Now = UtcText.From(time.GetUtcNow()), Name = name }, cancellationToken: cancellationToken));
                return (id, key);
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode == 19 && ex.Message.Contains("api_keys.name", StringComparison.Ordinal))
            {
                return null; // the same name created at the same moment by another request
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode == 19 && attempt < 3)
            {
                // An id already taken (48 random bits): draw again.
            }
        }
    }

    /// <summary>Why a key's name is refused (required, at most <see cref="MaxNameLength"/> characters, no control characters), or null.</summary>
    public static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "a name is required (what the key is for, e.g. \"1C exchange\")"
        : name.Trim().Length > MaxNameLength ? $"at most {MaxNameLength} characters"
        : name.Any(char.IsControl) ? "no line breaks or control characters"
        : null;

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ApiKeyRow>(new CommandDefinition(List, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>The keys of one portal (never the keys themselves), newest first.</summary>
    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(long portalId, CancellationToken cancellationToken)
    {
        const string OfPortal = """
            SELECT k.id AS Id, p.portal_key AS Portal, k.name AS Name, k.created_at AS CreatedAt, k.last_used_at AS LastUsedAt, k.revoked_at AS RevokedAt
            FROM api_keys k JOIN portals p ON p.id = k.portal_id WHERE k.portal_id = @Portal ORDER BY k.created_at DESC, k.id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ApiKeyRow>(new CommandDefinition(OfPortal, new { Portal = portalId }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Revokes a live key of the portal; false when the portal has no such live key.</summary>
    public async Task<bool> RevokeAsync(long portalId, string id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("UPDATE api_keys SET revoked_at = @Now WHERE id = @Id AND portal_id = @Portal AND revoked_at IS NULL",
            new { Id = id, Portal = portalId, Now = UtcText.From(time.GetUtcNow()) }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Revokes a key by id; false when there is no such live key.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("UPDATE api_keys SET revoked_at = @Now WHERE id = @Id AND revoked_at IS NULL",
            new { Id = id, Now = UtcText.From(time.GetUtcNow()) }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>The caller of a presented key (hash compared in constant time; last use recorded); null for an unknown, revoked or malformed key.</summary>
    public async Task<ApiCaller?> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.Length < Prefix.Length + IdLength || presented.Length > 200)
        {
            return null;
        }

        var id = presented.Substring(Prefix.Length, IdLength);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(long PortalId, string Hash, string PortalKey, string? LastUsedAt)?>(new CommandDefinition(Find, new { Id = id }, cancellationToken: cancellationToken));
        if (row is not { } found || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(found.Hash), Convert.FromHexString(Hash(presented))))
        {
            return null;
        }

        // Last use to the minute: a read request takes SQLite's one write lock (beside the send ledger and the tracking
        // recorder) only when the recorded use is older than that, not on every call.
        var now = time.GetUtcNow();
        if (found.LastUsedAt is not { } last || UtcText.Parse(last) < now - LastUseResolution)
        {
            await connection.ExecuteAsync(new CommandDefinition("UPDATE api_keys SET last_used_at = @Now WHERE id = @Id", new { Id = id, Now = UtcText.From(now) }, cancellationToken: cancellationToken));
        }

        return new ApiCaller(id, found.PortalId, found.PortalKey);
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
