using Connector.Store;
using Connector.Tests.TestSupport;
using Dapper;
using Microsoft.Extensions.Options;

namespace Connector.Tests.Store;

/// <summary>The migration runner on each provider: all scripts once, nothing the second time, a newer schema refused untouched.</summary>
[TestFixtureSource(typeof(StoreProviders), nameof(StoreProviders.All))]
[CancelAfter(120_000)]
public sealed class MigrationRunnerProvidersTests(StoreProvider provider)
{
    private IStoreConnections _connections = null!;

    [SetUp]
    public async Task CreateEmptyStore() => _connections = await StoreProviders.CreateEmptyAsync(provider, TestContext.CurrentContext.CancellationToken);

    [TearDown]
    public async Task Release() => await StoreProviders.ReleaseAsync(_connections);

    [Test]
    public async Task ApplyAsync_FreshStoreThenAgain_AppliesEveryNumberOnceThenNothing()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var sut = new MigrationRunner(_connections, TimeProvider.System);

        var first = await sut.ApplyAsync(ct);
        var second = await sut.ApplyAsync(ct);

        await using var connection = await _connections.OpenAsync(ct);
        var recorded = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(MigrationRunner.Scripts.Count).And.GreaterThanOrEqualTo(30));
            Assert.That(second, Is.Zero);
            Assert.That(recorded, Is.EqualTo(MigrationRunner.Scripts.Select(s => (long)s.Version)));
            Assert.That(recorded[^1], Is.EqualTo(MigrationRunner.LatestVersion));
        });
    }

    [Test]
    public async Task ApplyAsync_StoreMigratedByANewerBinary_RefusedWithOneLineAndNothingApplied()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        await using (var connection = await _connections.OpenAsync(ct))
        {
            var type = provider == StoreProvider.Sqlite ? "INTEGER" : "BIGINT";
            await connection.ExecuteAsync($"CREATE TABLE schema_migrations (version {type} PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
            await connection.ExecuteAsync("INSERT INTO schema_migrations VALUES (1, 'initial', '2026-01-01T00:00:00Z'), (@V, 'from_the_future', '2026-12-01T00:00:00Z')",
                new { V = (long)MigrationRunner.LatestVersion + 1 });
        }

        var refused = Assert.ThrowsAsync<OptionsValidationException>(() => new MigrationRunner(_connections, TimeProvider.System).ApplyAsync(ct));

        await using var check = await _connections.OpenAsync(ct);
        var portals = provider == StoreProvider.Sqlite
            ? await check.ExecuteScalarAsync<long>("SELECT count(*) FROM sqlite_master WHERE name = 'portals'")
            : await check.ExecuteScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'portals'");
        var line = refused!.Failures.Single();
        Assert.Multiple(() =>
        {
            Assert.That(line, Does.StartWith(provider == StoreProvider.Sqlite ? "Store:Path: " : "Store:ConnectionString: "));
            Assert.That(line, Does.Contain($"schema version {MigrationRunner.LatestVersion + 1}, newer than this binary's {MigrationRunner.LatestVersion}"));
            Assert.That(line, Does.Not.Contain('\n').And.Not.Contain(PostgresPeer.Password));
            Assert.That(portals, Is.Zero, "a refused store is left untouched");
        });
    }

    [Test]
    public async Task ApplyAsync_RefuseUnconvertedProvider_PostgresRefusedAfterMigratingSqliteRuns()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var sut = new MigrationRunner(_connections, TimeProvider.System) { RefuseUnconvertedProvider = true };

        if (provider == StoreProvider.Sqlite)
        {
            Assert.That(await sut.ApplyAsync(ct), Is.EqualTo(MigrationRunner.Scripts.Count));
            return;
        }

        var refused = Assert.ThrowsAsync<OptionsValidationException>(() => sut.ApplyAsync(ct));
        var again = await new MigrationRunner(_connections, TimeProvider.System).ApplyAsync(ct);
        Assert.Multiple(() =>
        {
            Assert.That(refused!.Failures.Single(), Does.StartWith("Store:Provider: Postgres: the schema at ").And.Contain("still run on SQLite only"));
            Assert.That(again, Is.Zero, "the schema was migrated before the refusal");
        });
    }
}
