using Connector.Tests.Cli;
using Connector.Tests.TestSupport;
using Npgsql;

namespace Connector.Tests.Store;

/// <summary>
/// Store:Provider and Store:ConnectionString through the real command line: a bad value, an unreachable server, a wrong
/// password or a store converted only in part ends with exit 2 and one line naming the key, and never the password.
/// </summary>
[Category("Peers")]
[CancelAfter(120_000)]
public sealed class StoreProviderCliTests
{
    private const string Secret = "s3cret-Never-Printed";
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("crm-esp-pgcli-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [TestCase("--Store:Provider=MySql", "Store:Provider: 'MySql' is not one of Sqlite, Postgres")]
    [TestCase("--Store:Provider=1", "Store:Provider: '1' is not one of Sqlite, Postgres")]
    [TestCase("--Store:Provider=Postgres", "Store:ConnectionString: required when Store:Provider is Postgres")]
    public async Task Suppress_BadProviderOrMissingConnectionString_Exit2OneLineNamingTheKey(string setting, string expected)
    {
        var (code, output, error) = await RunAsync(setting);

        AssertOneLine(code, output, error, expected);
    }

    [TestCase($"Host=127.0.0.1;Password={Secret};Bogus=1", "Store:ConnectionString: not a valid Npgsql connection string")]
    [TestCase($"Host=127.0.0.1;Port=fivefourthreetwo;Password={Secret}", "Store:ConnectionString: not a valid Npgsql connection string")]
    [TestCase($"Database=crm;Password={Secret}", "Store:ConnectionString: no Host")]
    [TestCase($"Password={Secret}", "Store:ConnectionString: no Host")]
    public async Task Suppress_UnparsableConnectionString_Exit2OneLineWithoutThePassword(string connectionString, string expected)
    {
        var (code, output, error) = await RunAsync("--Store:Provider=Postgres", $"--Store:ConnectionString={connectionString}");

        AssertOneLine(code, output, error, expected);
    }

    [Test]
    public async Task Suppress_NothingListensOnThePort_Exit2NamesTheKeyAndHostPort()
    {
        var port = TestPorts.Free();
        var connectionString = $"Host=127.0.0.1;Port={port};Database=crm;Username=crm;Password={Secret};Timeout=5";

        var (code, output, error) = await RunAsync("--Store:Provider=Postgres", $"--Store:ConnectionString={connectionString}");

        AssertOneLine(code, output, error, $"Store:ConnectionString: cannot open the PostgreSQL store at 127.0.0.1:{port}/crm: ");
    }

    [Test]
    public async Task Suppress_WrongPassword_Exit2NamesTheKeyAndTheServersWordsWithoutEitherPassword()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var good = new NpgsqlConnectionStringBuilder(await PostgresPeer.CreateDatabaseAsync(ct)) { Password = Secret };

        var (code, output, error) = await RunAsync("--Store:Provider=Postgres", $"--Store:ConnectionString={good}");

        AssertOneLine(code, output, error, $"Store:ConnectionString: cannot open the PostgreSQL store at 127.0.0.1:{good.Port}/{good.Database}: 28P01: password authentication failed");
        Assert.That(error, Does.Not.Contain(PostgresPeer.Password));
    }

    [Test]
    public async Task Suppress_ReachablePostgres_SchemaMigratedThenStartRefusedWhileSlicesAreSqliteOnly()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var connectionString = await PostgresPeer.CreateDatabaseAsync(ct);

        var (code, output, error) = await RunAsync("--Store:Provider=Postgres", $"--Store:ConnectionString={connectionString}");

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM schema_migrations", connection);
        var migrated = (long)(await count.ExecuteScalarAsync(ct))!;
        AssertOneLine(code, output, error, "Store:Provider: Postgres: the schema at 127.0.0.1:");
        Assert.Multiple(() =>
        {
            Assert.That(error, Does.Contain("still run on SQLite only").And.Not.Contain(PostgresPeer.Password));
            Assert.That(migrated, Is.EqualTo(Connector.Store.MigrationRunner.Scripts.Count));
            Assert.That(File.Exists(Path.Combine(_folder, "m.db")), Is.False, "no SQLite store is made on the side");
        });
    }

    [Test]
    public async Task Serve_ReachablePostgres_RefusedAtStartWithOneLine()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var connectionString = await PostgresPeer.CreateDatabaseAsync(ct);

        var (code, output, error) = await CliRun.CaptureAsync("serve", $"--urls=http://127.0.0.1:{TestPorts.Free()}", $"--Store:Path={Path.Combine(_folder, "m.db")}",
            "--Store:Provider=Postgres", $"--Store:ConnectionString={connectionString}");

        AssertOneLine(code, output, error, "Store:Provider: Postgres: the schema at 127.0.0.1:");
        Assert.That(File.Exists(Path.Combine(_folder, "m.db")), Is.False, "no SQLite store is made on the side");
    }

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] settings) =>
        CliRun.CaptureAsync(["suppress", "list", $"--Store:Path={Path.Combine(_folder, "m.db")}", .. settings]);

    private static void AssertOneLine(int code, string output, string error, string expected)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), error);
            Assert.That(output, Is.Empty);
            Assert.That(lines, Has.Length.EqualTo(1), error);
            Assert.That(error, Does.StartWith($"crm-esp: invalid configuration: {expected}"));
            Assert.That(error, Does.Not.Contain(Secret));
        });
    }
}
