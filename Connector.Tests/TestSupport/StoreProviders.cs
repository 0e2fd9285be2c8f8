using Connector.Store;

namespace Connector.Tests.TestSupport;

/// <summary>
/// Store tests run against both providers: <c>[TestFixtureSource(typeof(StoreProviders), nameof(StoreProviders.All))]</c>
/// on a fixture whose constructor takes a <see cref="StoreProvider"/>, then <see cref="CreateAsync"/> for a fresh,
/// migrated store of that provider (a new SQLite file, or a new database on <see cref="PostgresPeer"/>).
/// </summary>
internal static class StoreProviders
{
    public static IEnumerable<StoreProvider> All => [StoreProvider.Sqlite, StoreProvider.Postgres];

    /// <summary>A brand-new store of this provider with every migration applied.</summary>
    public static async Task<IStoreConnections> CreateAsync(StoreProvider provider, CancellationToken cancellationToken)
    {
        var connections = await CreateEmptyAsync(provider, cancellationToken);
        await new MigrationRunner(connections, TimeProvider.System).ApplyAsync(cancellationToken);
        return connections;
    }

    /// <summary>A brand-new store of this provider with nothing applied (for the migration runner's own tests).</summary>
    public static async Task<IStoreConnections> CreateEmptyAsync(StoreProvider provider, CancellationToken cancellationToken) => provider switch
    {
        StoreProvider.Sqlite => new SqliteConnectionFactory(Path.Combine(Path.GetTempPath(), "crm-esp-tests", Guid.NewGuid().ToString("N"), "store.db")),
        StoreProvider.Postgres => new PostgresConnectionFactory(await PostgresPeer.CreateDatabaseAsync(cancellationToken)),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>Releases what <see cref="CreateAsync"/> gave (PostgreSQL's connection pool); SQLite's file stays in the temp folder.</summary>
    public static async ValueTask ReleaseAsync(IStoreConnections? connections)
    {
        if (connections is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}
