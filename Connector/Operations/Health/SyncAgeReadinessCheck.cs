using Connector.Store;
using Dapper;
using Microsoft.Extensions.Options;

namespace Connector.Operations.Health;

/// <summary>
/// <c>sync_age:PORTAL</c>: each portal's last successful sync pass (from the store, so it holds across restarts; a portal
/// that never succeeded counts from when it was recorded) is at most <c>Health:MaxSyncAge</c> old. Registered only
/// where this host schedules syncs.
/// </summary>
public sealed class SyncAgeReadinessCheck(SqliteConnectionFactory connections, IOptions<HealthOptions> options, TimeProvider time) : IReadinessCheck
{
    public const string Prefix = "sync_age:";

    public string Name => "sync_age";

    private const string LastSuccess = """
        SELECT p.portal_key AS Portal, p.created_at AS CreatedAt,
               (SELECT MAX(r.finished_at) FROM sync_runs r WHERE r.portal_id = p.id AND r.status = 'succeeded') AS LastSuccess
        FROM portals p ORDER BY p.portal_key
        """;

    public async Task<IReadOnlyList<ReadinessResult>> CheckAsync(CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxSyncAge;
        if (limit <= TimeSpan.Zero)
        {
            return [];
        }

        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            var rows = await connection.QueryAsync<(string Portal, string CreatedAt, string? LastSuccess)>(new CommandDefinition(LastSuccess, cancellationToken: cancellationToken));
            var now = time.GetUtcNow();
            return rows.Select(row =>
            {
                var since = UtcText.Parse(row.LastSuccess ?? row.CreatedAt);
                var age = now - since;
                var ready = age <= limit;
                var what = row.LastSuccess is null ? "no successful sync yet, recorded" : "last success";
                return new ReadinessResult(Prefix + row.Portal, ready, $"{what} {Math.Max(0, (long)age.TotalSeconds)} s ago (limit {(long)limit.TotalSeconds} s)");
            }).ToList();
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // The store check reports an unreachable or unmigrated store.
            return [];
        }
    }
}
