using Connector.Sync;
using Dapper;

namespace Connector.Store;

public sealed partial class SqliteMirrorStore
{
    private const string UpsertUser = """
        INSERT INTO users (portal_id, crm_id, name, last_name, second_name, email, active, synced_at)
        VALUES (@PortalId, @Id, @Name, @LastName, @SecondName, @Email, @Active, @Now)
        ON CONFLICT (portal_id, crm_id) DO UPDATE SET name = excluded.name, last_name = excluded.last_name, second_name = excluded.second_name,
            email = excluded.email, active = excluded.active, synced_at = excluded.synced_at
        """;

    /// <summary>The portal's users as user.get listed them, in one transaction; one not listed any more is kept as inactive (old deals still name it).</summary>
    public async Task UpsertUsersAsync(long portalId, IReadOnlyList<CrmUser> users, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        var now = Now;
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var gate = connections.EnterWriter(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(UpsertUser, users.Select(u => new
        {
            PortalId = portalId, u.Id, u.Name, u.LastName, u.SecondName, u.Email, Active = u.Active ? 1 : 0, Now = now,
        }), transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET active = 0 WHERE portal_id = @PortalId AND synced_at < @Now", new { PortalId = portalId, Now = now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
