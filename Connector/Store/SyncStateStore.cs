using Connector.Sync;
using Dapper;

namespace Connector.Store;

/// <summary>Sync cursors, the per-portal lease and the run log, on either store provider (the same SQL on both).</summary>
public sealed class SyncStateStore(IStoreConnections connections, TimeProvider timeProvider) : ISyncStateStore
{
    private const string GetCursor = "SELECT value FROM sync_cursors WHERE portal_id = @PortalId AND name = @Name";

    private const string SetCursor = """
        INSERT INTO sync_cursors (portal_id, name, value, updated_at) VALUES (@PortalId, @Name, @Value, @Now)
        ON CONFLICT(portal_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
        """;

    // Taken when free, expired, or already ours; the WHERE on the conflict branch makes a live foreign lease a no-op.
    private const string AcquireLease = """
        INSERT INTO sync_leases (portal_id, holder, expires_at) VALUES (@PortalId, @Holder, @ExpiresAt)
        ON CONFLICT(portal_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
        WHERE sync_leases.expires_at < @Now OR sync_leases.holder = excluded.holder
        """;

    private const string ReleaseLease = "DELETE FROM sync_leases WHERE portal_id = @PortalId AND holder = @Holder";

    private const string StartRun = """
        INSERT INTO sync_runs (portal_id, kind, started_at, status) VALUES (@PortalId, @Kind, @Now, 'running') RETURNING id
        """;

    private const string FinishRun = """
        UPDATE sync_runs SET finished_at = @Now, status = @Status, contacts = @Contacts, deals = @Deals, transitions = @Transitions,
            deleted = @Deleted, skipped = @Skipped, requests = @Requests, error = @Error
        WHERE id = @Id
        """;

    private string Now => UtcText.From(timeProvider.GetUtcNow());

    public async Task<string?> GetCursorAsync(long portalId, string name, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(GetCursor, new { PortalId = portalId, Name = name }, cancellationToken: cancellationToken));
    }

    public async Task SetCursorAsync(long portalId, string name, string value, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SetCursor, new { PortalId = portalId, Name = name, Value = value, Now }, cancellationToken: cancellationToken));
    }

    public async Task<bool> TryAcquireLeaseAsync(long portalId, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(AcquireLease, new
        {
            PortalId = portalId, Holder = holder, ExpiresAt = UtcText.From(now + duration), Now = UtcText.From(now),
        }, cancellationToken: cancellationToken));
        return changed > 0;
    }

    public async Task ReleaseLeaseAsync(long portalId, string holder, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ReleaseLease, new { PortalId = portalId, Holder = holder }, cancellationToken: cancellationToken));
    }

    public async Task<long> StartRunAsync(long portalId, string kind, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(StartRun, new { PortalId = portalId, Kind = kind, Now }, cancellationToken: cancellationToken));
    }

    public async Task FinishRunAsync(long runId, SyncSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(FinishRun, new
        {
            Id = runId, Now, Status = summary.Succeeded ? "succeeded" : "failed", summary.Contacts, summary.Deals, summary.Transitions,
            Deleted = summary.DeletedContacts + summary.DeletedDeals, summary.Skipped, summary.Requests, summary.Error,
        }, cancellationToken: cancellationToken));
    }
}
