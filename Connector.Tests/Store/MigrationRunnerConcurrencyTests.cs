using Connector.Store;
using Connector.Tests.TestSupport;
using Dapper;

namespace Connector.Tests.Store;

/// <summary>
/// Several instances migrating one PostgreSQL database at once (the advisory lock). PostgreSQL only: one SQLite file has
/// one serve process, and instances share PostgreSQL only.
/// </summary>
[CancelAfter(120_000)]
public sealed class MigrationRunnerConcurrencyTests
{
    [Test]
    public async Task ApplyAsync_ThreeInstancesAtOnceOnPostgres_EachNumberAppliedOnce()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var database = await PostgresPeer.CreateDatabaseAsync(ct);
        var instances = Enumerable.Range(0, 3).Select(_ => (IStoreConnections)new PostgresConnectionFactory(database)).ToList();
        try
        {
            var applied = await Task.WhenAll(instances.Select(i => new MigrationRunner(i, TimeProvider.System).ApplyAsync(ct)));

            await using var connection = await instances[0].OpenAsync(ct);
            var recorded = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM schema_migrations");
            Assert.Multiple(() =>
            {
                Assert.That(applied.Sum(), Is.EqualTo(MigrationRunner.Scripts.Count), "one instance migrated, the others waited and found nothing to do");
                Assert.That(applied.Count(a => a > 0), Is.EqualTo(1));
                Assert.That(recorded, Is.EqualTo(MigrationRunner.Scripts.Count));
            });
        }
        finally
        {
            foreach (var instance in instances)
            {
                await StoreProviders.ReleaseAsync(instance);
            }
        }
    }
}
