using Connector.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Store;

/// <summary>AddStore gives IStoreConnections for the configured provider: SQLite's factory itself, or a PostgreSQL one.</summary>
[CancelAfter(30_000)]
public sealed class StoreServiceCollectionExtensionsTests
{
    [Test]
    public void AddStore_DefaultProvider_StoreConnectionsIsTheSqliteFactory()
    {
        using var services = Build(new() { ["Store:Path"] = Path.Combine(Path.GetTempPath(), "crm-esp-tests", Guid.NewGuid().ToString("N"), "s.db") });

        var connections = services.GetRequiredService<IStoreConnections>();

        Assert.Multiple(() =>
        {
            Assert.That(connections.Provider, Is.EqualTo(StoreProvider.Sqlite));
            Assert.That(connections, Is.SameAs(services.GetRequiredService<SqliteConnectionFactory>()), "one WriteGate and one pool for both views");
        });
    }

    [Test]
    public void AddStore_PostgresProvider_StoreConnectionsIsPostgresDescribedWithoutThePassword()
    {
        using var services = Build(new()
        {
            ["Store:Provider"] = "postgres",
            ["Store:ConnectionString"] = "Host=db.internal;Port=6432;Database=crm_esp;Username=crm;Password=hunter2-secret",
        });

        var connections = services.GetRequiredService<IStoreConnections>();

        Assert.Multiple(() =>
        {
            Assert.That(connections, Is.InstanceOf<PostgresConnectionFactory>());
            Assert.That(connections.Dialect, Is.EqualTo(StoreDialect.Postgres));
            Assert.That(connections.Describe, Is.EqualTo("db.internal:6432/crm_esp"));
            Assert.That(connections.EnterWriter(CancellationToken.None), Is.Not.Null);
        });
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddSingleton(TimeProvider.System).AddLogging()
            .AddStore(configuration).BuildServiceProvider();
    }
}
