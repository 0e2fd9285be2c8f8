using Connector.Store;
using Dapper;

namespace Connector.Operations.Health;

/// <summary><c>store</c>: the store answers and every embedded migration is applied.</summary>
public sealed class StoreReadinessCheck(SqliteConnectionFactory connections) : IReadinessCheck
{
    public const string CheckName = "store";

    public string Name => CheckName;

    public async Task<IReadOnlyList<ReadinessResult>> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", cancellationToken: cancellationToken));
            var applied = exists == 0 ? [] : (await connection.QueryAsync<long>(new CommandDefinition(
                "SELECT version FROM schema_migrations", cancellationToken: cancellationToken))).ToHashSet();
            var missing = MigrationRunner.Scripts.Count(s => !applied.Contains(s.Version));
            return [missing == 0
                ? new ReadinessResult(CheckName, true, "reachable, migrated")
                : new ReadinessResult(CheckName, false, $"{missing} migration{(missing == 1 ? "" : "s")} not applied")];
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            return [new ReadinessResult(CheckName, false, "unreachable")];
        }
    }
}
