using Connector.Store;
using Dapper;

namespace Connector.Crm.Bitrix24.Installs;

/// <summary>
/// The only writer of bitrix24_installs. Secrets are encrypted before they reach SQL and decrypted on the way out;
/// each write is one statement, so a rotated refresh token is either stored whole or not at all.
/// </summary>
public sealed class Bitrix24InstallStore(SqliteConnectionFactory connections, TokenProtector protector, TimeProvider timeProvider)
{
    private const string Columns = """
        member_id AS MemberId, portal_id AS PortalId, domain AS Domain, client_endpoint AS ClientEndpoint, server_endpoint AS ServerEndpoint,
        application_token AS ApplicationToken, access_token AS AccessToken, refresh_token AS RefreshToken, access_expires_at AS AccessExpiresAt,
        refreshed_at AS RefreshedAt, scope AS Scope, status AS Status, status_reason AS StatusReason
        """;

    private const string Upsert = """
        INSERT INTO bitrix24_installs (member_id, portal_id, domain, client_endpoint, server_endpoint, application_token, access_token,
            refresh_token, access_expires_at, refreshed_at, scope, status, status_reason, installed_at, updated_at)
        VALUES (@MemberId, @PortalId, @Domain, @ClientEndpoint, @ServerEndpoint, @ApplicationToken, @AccessToken, @RefreshToken,
            @AccessExpiresAt, @Now, @Scope, 'active', NULL, @Now, @Now)
        ON CONFLICT(member_id) DO UPDATE SET portal_id = excluded.portal_id, domain = excluded.domain, client_endpoint = excluded.client_endpoint,
            server_endpoint = excluded.server_endpoint, application_token = excluded.application_token, access_token = excluded.access_token,
            refresh_token = excluded.refresh_token, access_expires_at = excluded.access_expires_at, refreshed_at = excluded.refreshed_at,
            scope = excluded.scope, status = 'active', status_reason = NULL, updated_at = excluded.updated_at
        """;

    private const string SaveTokens = """
        UPDATE bitrix24_installs SET access_token = @AccessToken, refresh_token = @RefreshToken, access_expires_at = @AccessExpiresAt,
            client_endpoint = @ClientEndpoint, server_endpoint = COALESCE(@ServerEndpoint, server_endpoint), refreshed_at = @Now, updated_at = @Now
        WHERE member_id = @MemberId
        """;

    private string Now => UtcText.From(timeProvider.GetUtcNow());

    public async Task<Bitrix24Install?> GetAsync(string memberId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Bitrix24InstallRow>(new CommandDefinition(
            $"SELECT {Columns} FROM bitrix24_installs WHERE member_id = @MemberId", new { MemberId = memberId }, cancellationToken: cancellationToken));
        return row is null ? null : ToInstall(row);
    }

    public async Task<IReadOnlyList<Bitrix24Install>> ListAsync(string status, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Bitrix24InstallRow>(new CommandDefinition(
            $"SELECT {Columns} FROM bitrix24_installs WHERE status = @Status ORDER BY member_id", new { Status = status }, cancellationToken: cancellationToken));
        return rows.Select(ToInstall).ToList();
    }

    public async Task SaveInstallAsync(long portalId, string domain, string applicationToken, Bitrix24TokenSet tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Upsert, new
        {
            tokens.MemberId, PortalId = portalId, Domain = domain, ClientEndpoint = tokens.ClientEndpoint.AbsoluteUri, tokens.ServerEndpoint,
            ApplicationToken = protector.Protect(applicationToken), AccessToken = protector.Protect(tokens.AccessToken),
            RefreshToken = protector.Protect(tokens.RefreshToken), AccessExpiresAt = UtcText.From(tokens.AccessExpiresAt), tokens.Scope, Now,
        }, cancellationToken: cancellationToken));
    }

    /// <summary>Stores a refreshed pair in one statement, before the new access token is used.</summary>
    public async Task SaveTokensAsync(Bitrix24TokenSet tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SaveTokens, new
        {
            tokens.MemberId, AccessToken = protector.Protect(tokens.AccessToken), RefreshToken = protector.Protect(tokens.RefreshToken),
            AccessExpiresAt = UtcText.From(tokens.AccessExpiresAt), ClientEndpoint = tokens.ClientEndpoint.AbsoluteUri, tokens.ServerEndpoint, Now,
        }, cancellationToken: cancellationToken));
    }

    public async Task SetStatusAsync(string memberId, string status, string? reason, bool forgetTokens, CancellationToken cancellationToken)
    {
        var sql = forgetTokens
            ? "UPDATE bitrix24_installs SET status = @Status, status_reason = @Reason, access_token = NULL, refresh_token = NULL, updated_at = @Now WHERE member_id = @MemberId"
            : "UPDATE bitrix24_installs SET status = @Status, status_reason = @Reason, updated_at = @Now WHERE member_id = @MemberId";
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { MemberId = memberId, Status = status, Reason = reason, Now }, cancellationToken: cancellationToken));
    }

    /// <summary>The portal answered 302: its domain changed. The member_id stays; the endpoint and domain follow.</summary>
    public async Task MoveEndpointAsync(string memberId, Uri clientEndpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientEndpoint);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE bitrix24_installs SET client_endpoint = @Endpoint, domain = @Domain, updated_at = @Now WHERE member_id = @MemberId",
            new { MemberId = memberId, Endpoint = clientEndpoint.AbsoluteUri, Domain = clientEndpoint.Authority, Now }, cancellationToken: cancellationToken));
    }

    public async Task SetPlanAsync(string memberId, string plan, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE bitrix24_installs SET plan = @Plan WHERE member_id = @MemberId", new { MemberId = memberId, Plan = plan }, cancellationToken: cancellationToken));
    }

    private Bitrix24Install ToInstall(Bitrix24InstallRow row) => new()
    {
        MemberId = row.MemberId,
        PortalId = row.PortalId,
        Domain = row.Domain,
        ClientEndpoint = new Uri(row.ClientEndpoint),
        ServerEndpoint = row.ServerEndpoint,
        ApplicationToken = protector.Unprotect(row.ApplicationToken),
        AccessToken = protector.UnprotectNullable(row.AccessToken),
        RefreshToken = protector.UnprotectNullable(row.RefreshToken),
        AccessExpiresAt = UtcText.ParseNullable(row.AccessExpiresAt),
        RefreshedAt = UtcText.ParseNullable(row.RefreshedAt),
        Scope = row.Scope,
        Status = row.Status,
        StatusReason = row.StatusReason,
    };
}
