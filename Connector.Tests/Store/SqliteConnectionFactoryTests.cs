using Connector.Store;
using Dapper;

namespace Connector.Tests.Store;

/// <summary>Per-connection settings hold on every connection handed out, fresh or reused from the pool.</summary>
[CancelAfter(120_000)]
public sealed class SqliteConnectionFactoryTests
{
    [Test]
    public async Task OpenAsync_FreshAndPooledConnections_AllCarryThePragmas()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("factory-").FullName, "s.db");
        var factory = new SqliteConnectionFactory(path);
        var seen = new List<(long ForeignKeys, long Synchronous, long BusyTimeout)>();
        for (var round = 0; round < 3; round++)
        {
            // Two at once forces a second native connection; closing both returns them to the pool for the next round.
            await using var first = await factory.OpenAsync(TestContext.CurrentContext.CancellationToken);
            await using var second = await factory.OpenAsync(TestContext.CurrentContext.CancellationToken);
            foreach (var connection in new[] { first, second })
            {
                seen.Add((await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"), await connection.ExecuteScalarAsync<long>("PRAGMA synchronous"),
                    await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout")));
            }
        }

        Assert.That(seen, Has.Count.EqualTo(6).And.All.EqualTo((1L, 1L, 30000L)));
    }
}
