using Connector.Store;
using Connector.Tests.TestSupport;
using Dapper;

namespace Connector.Tests.Store;

/// <summary>The SQL that differs between the engines (<see cref="StoreDialect"/>) does the same thing on both, on a real store.</summary>
[TestFixtureSource(typeof(StoreProviders), nameof(StoreProviders.All))]
[CancelAfter(120_000)]
public sealed class StoreDialectTests(StoreProvider provider)
{
    private IStoreConnections _store = null!;

    [OneTimeSetUp]
    public async Task CreateStore()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        _store = await StoreProviders.CreateAsync(provider, ct);
        await using var connection = await _store.OpenAsync(ct);
        await connection.ExecuteAsync("CREATE TABLE dialect_probe (address TEXT PRIMARY KEY, hits BIGINT NOT NULL)");
    }

    [OneTimeTearDown]
    public async Task Release() => await StoreProviders.ReleaseAsync(_store);

    [Test]
    public async Task CreateAsync_FreshStore_MigratedToTheLatestVersionOfItsProvider()
    {
        await using var connection = await _store.OpenAsync(TestContext.CurrentContext.CancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(_store.Provider, Is.EqualTo(provider));
            Assert.That(_store.Dialect.Provider, Is.EqualTo(provider));
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT max(version) FROM schema_migrations"), Is.EqualTo(MigrationRunner.LatestVersion));
        });
    }

    [Test]
    public async Task InsertOrIgnore_SameKeyTwice_OneRowFirstValueKept()
    {
        await using var connection = await _store.OpenAsync(TestContext.CurrentContext.CancellationToken);
        var (insert, suffix) = _store.Dialect.InsertOrIgnore;
        var sql = $"{insert} INTO dialect_probe (address, hits) VALUES (@Address, @Hits){suffix}";

        var first = await connection.ExecuteAsync(sql, new { Address = "once@example.org", Hits = 1L });
        var second = await connection.ExecuteAsync(sql, new { Address = "once@example.org", Hits = 2L });

        var hits = await connection.QuerySingleAsync<long>("SELECT hits FROM dialect_probe WHERE address = 'once@example.org'");
        Assert.That((first, second, hits), Is.EqualTo((1, 0, 1L)));
    }

    [Test]
    public async Task EqualsAndLikeIgnoreCase_MixedCaseRow_FoundByEitherCase()
    {
        await using var connection = await _store.OpenAsync(TestContext.CurrentContext.CancellationToken);
        await connection.ExecuteAsync("INSERT INTO dialect_probe (address, hits) VALUES ('Anna.Mixed@Example.ORG', 3)");
        var dialect = _store.Dialect;

        var equal = await connection.QueryAsync<string>($"SELECT address FROM dialect_probe WHERE {dialect.EqualsIgnoreCase("address", "@Value")}", new { Value = "anna.mixed@example.org" });
        var like = await connection.QueryAsync<string>($"SELECT address FROM dialect_probe WHERE {dialect.LikeIgnoreCase("address", "@Pattern")}", new { Pattern = "ANNA.MIXED@%" });
        var exact = await connection.QueryAsync<string>("SELECT address FROM dialect_probe WHERE address = @Value", new { Value = "anna.mixed@example.org" });

        Assert.Multiple(() =>
        {
            Assert.That(equal, Is.EqualTo(new[] { "Anna.Mixed@Example.ORG" }));
            Assert.That(like, Is.EqualTo(new[] { "Anna.Mixed@Example.ORG" }));
            Assert.That(exact, Is.Empty, "a plain = stays case-sensitive on both");
        });
    }

    [Test]
    public async Task GreatestLeast_TwoValues_LargerAndSmaller()
    {
        await using var connection = await _store.OpenAsync(TestContext.CurrentContext.CancellationToken);
        var dialect = _store.Dialect;

        var (greatest, least) = await connection.QuerySingleAsync<(long, long)>(
            $"SELECT {dialect.Greatest("@A", "@B")}, {dialect.Least("@A", "@B")}", new { A = 7L, B = 42L });

        Assert.That((greatest, least), Is.EqualTo((42L, 7L)));
    }
}
