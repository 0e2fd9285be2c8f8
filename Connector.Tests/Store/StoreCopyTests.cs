using Connector.Store;
using Connector.Store.Copy;
using Connector.Tests.Cli;
using Connector.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Connector.Tests.Store;

/// <summary>
/// <c>crm-esp store migrate-to</c> from a SQLite store seeded by a sandbox sync (plus ledger rows, a template and a
/// webhook) into a fresh PostgreSQL database on <see cref="PostgresPeer"/>: equal counts and checksums for every table,
/// a second run that copies nothing, an interrupted run continued, identities after the copied max, bad targets refused.
/// </summary>
[Category("Peers")]
[CancelAfter(300_000)]
public sealed class StoreCopyTests
{
    private static string? _seeded;
    private string _folder = null!;

    [SetUp]
    public async Task CopySeededStore()
    {
        _seeded ??= await SeedAsync();
        _folder = Directory.CreateTempSubdirectory("crm-esp-copy-").FullName;
        foreach (var file in Directory.GetFiles(_seeded))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [OneTimeTearDown]
    public void RemoveSeed()
    {
        if (Interlocked.Exchange(ref _seeded, null) is { } seeded)
        {
            Directory.Delete(seeded, recursive: true);
        }
    }

    private static CancellationToken Ct => TestContext.CurrentContext.CancellationToken;

    private string StorePath => Path.Combine(_folder, "m.db");

    [Test]
    public async Task MigrateTo_SeededStore_EveryTableSameCountAndChecksumOnBothSides()
    {
        var target = await PostgresPeer.CreateDatabaseAsync(Ct);

        var (code, output, error) = await MigrateAsync(target);

        var tables = await SourceTablesAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(output, Does.Contain("verified").And.Contain($"schema version {MigrationRunner.LatestVersion}"));
            foreach (var table in tables)
            {
                Assert.That(output, Does.Contain(table + " "), $"a line for {table}");
            }

            foreach (var table in tables.Where(t => !t.StartsWith("qrtz_", StringComparison.OrdinalIgnoreCase)))
            {
                Assert.That(await CountAsync(target, table), Is.EqualTo(await SourceCountAsync(table)), table);
            }

            Assert.That(await CountAsync(target, "contacts"), Is.GreaterThanOrEqualTo(30));
            Assert.That(await CountAsync(target, "send_ledger"), Is.EqualTo(3));
            Assert.That(output, Does.Contain("skipped (Quartz scheduler state"));
            Assert.That(error, Is.Empty);
        });
        await using var pg = await OpenAsync(target);
        var body = await pg.ExecuteScalarAsync<string>(new CommandDefinition("SELECT body FROM templates WHERE name = 'welcome'", cancellationToken: Ct));
        Assert.That(body, Is.EqualTo("{\"subject\":\"Hi ünïcode\",\"html\":\"<p>x</p>\"}"));
    }

    [Test]
    public async Task MigrateTo_SecondRun_CopiesNothingAndStillVerifies()
    {
        var target = await PostgresPeer.CreateDatabaseAsync(Ct);
        var (first, _, firstError) = await MigrateAsync(target);

        var (second, output, error) = await MigrateAsync(target);

        var lines = TableLines(output);
        Assert.Multiple(() =>
        {
            Assert.That((first, second), Is.EqualTo((0, 0)), firstError + error);
            Assert.That(lines, Is.Not.Empty);
            Assert.That(lines.Where(l => !l.Contains("skipped", StringComparison.Ordinal)), Has.All.Contains("already complete, verified"));
            Assert.That(output, Does.Contain("(0 copied, "));
        });
    }

    [Test]
    public async Task MigrateTo_TargetRowChangedAfterCopy_ThatTableCopiedAgain()
    {
        var target = await PostgresPeer.CreateDatabaseAsync(Ct);
        Assert.That((await MigrateAsync(target)).Code, Is.Zero);
        await using (var pg = await OpenAsync(target))
        {
            await pg.ExecuteAsync(new CommandDefinition("UPDATE templates SET body = body || ' ' WHERE name = 'welcome'", cancellationToken: Ct));
        }

        var (code, output, error) = await MigrateAsync(target);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(TableLines(output).Single(l => l.StartsWith("templates ", StringComparison.Ordinal)), Does.EndWith("copied, verified"));
            Assert.That(TableLines(output).Single(l => l.StartsWith("contacts ", StringComparison.Ordinal)), Does.EndWith("already complete, verified"));
        });
    }

    [Test]
    public async Task MigrateTo_InterruptedAfterSomeRows_RerunCompletes()
    {
        var target = await PostgresPeer.CreateDatabaseAsync(Ct);
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        string? cutIn = null;
        var options = new StoreCopyOptions
        {
            BatchRows = 5,
            OnBatch = (table, rows) =>
            {
                if (table == "contacts" && rows >= 10)
                {
                    cutIn = table;
                    interrupt.Cancel();
                }
            },
        };

        Assert.That(async () => await StoreCopy.RunAsync(StorePath, target, options, TimeProvider.System, interrupt.Token), Throws.InstanceOf<OperationCanceledException>());
        var partial = await CountAsync(target, "contacts");
        var (code, output, error) = await MigrateAsync(target);

        Assert.Multiple(async () =>
        {
            Assert.That(cutIn, Is.EqualTo("contacts"));
            Assert.That(partial, Is.GreaterThanOrEqualTo(10).And.LessThan(await SourceCountAsync("contacts")), "the first run committed some batches of contacts");
            Assert.That(code, Is.Zero, error);
            Assert.That(TableLines(output).Single(l => l.StartsWith("contacts ", StringComparison.Ordinal)), Does.EndWith("copied, verified"));
            Assert.That(TableLines(output).Single(l => l.StartsWith("portals ", StringComparison.Ordinal)), Does.EndWith("already complete, verified"));
            Assert.That(await CountAsync(target, "contacts"), Is.EqualTo(await SourceCountAsync("contacts")));
        });
    }

    [Test]
    public async Task MigrateTo_ValueTheTargetTypeCannotHold_Exit1NamingTableAndColumn()
    {
        var target = await PostgresPeer.CreateDatabaseAsync(Ct);
        await using (var sqlite = new SqliteConnection($"Data Source={StorePath};Pooling=false"))
        {
            // SQLite keeps text in an INTEGER column; PostgreSQL's BIGINT cannot.
            await sqlite.ExecuteAsync(new CommandDefinition("UPDATE send_ledger SET reply_code = 'five-fifty' WHERE recipient = 'b@example.com'", cancellationToken: Ct));
        }

        var (code, output, error) = await MigrateAsync(target);

        Assert.Multiple(async () =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1), error);
            Assert.That(error, Does.StartWith("crm-esp: store migrate-to: table send_ledger: column reply_code: "));
            Assert.That(output, Does.Not.Contain("migrate-to:"), "no summary");
            Assert.That(await CountAsync(target, "send_ledger"), Is.Zero, "nothing of the table is written");
        });
    }

    [Test]
    public async Task MigrateTo_InsertAfterCopy_IdentityContinuesAfterCopiedMax()
    {
        var target = await PostgresPeer.CreateDatabaseAsync(Ct);
        Assert.That((await MigrateAsync(target)).Code, Is.Zero);
        var max = await SourceScalarAsync("SELECT max(id) FROM send_ledger");

        await using var pg = await OpenAsync(target);
        var id = await pg.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO send_ledger (send_key, recipient, contact_id, state, due_at, next_attempt_at, created_at, updated_at, sender_domain)
            VALUES ('copy-key', 'new@example.com', 1, 'sent', 'T', 'T', 'T', 'T', 'example.com') RETURNING id
            """, cancellationToken: Ct));

        Assert.That(id, Is.EqualTo(max + 1));
    }

    [Test]
    public async Task MigrateTo_WrongPassword_Exit2NamingConnectionWithoutThePassword()
    {
        const string Wrong = "Wrong-Pw-Never-Printed";
        var target = new NpgsqlConnectionStringBuilder(await PostgresPeer.CreateDatabaseAsync(Ct)) { Password = Wrong }.ConnectionString;

        var (code, output, error) = await MigrateAsync(target);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1), error);
            Assert.That(error, Does.StartWith("crm-esp: store migrate-to: --connection: cannot open PostgreSQL at 127.0.0.1:").And.Contain("28P01"));
            Assert.That(error, Does.Not.Contain(Wrong).And.Not.Contain(PostgresPeer.Password));
        });
    }

    [Test]
    public async Task MigrateTo_NothingListens_Exit2NamingConnection()
    {
        var port = TestPorts.Free();

        var (code, _, error) = await MigrateAsync($"Host=127.0.0.1;Port={port};Database=crm;Username=crm;Password=x-secret;Timeout=5");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.StartWith($"crm-esp: store migrate-to: --connection: cannot open PostgreSQL at 127.0.0.1:{port}/crm: ").And.Not.Contain("x-secret"));
        });
    }

    [Test]
    public async Task MigrateTo_SourceFolderMissing_Exit2NamingThePath()
    {
        var missing = Path.Combine(_folder, "nowhere", "m.db");

        var (code, output, error) = await CliRun.CaptureAsync("store", "migrate-to", "--provider", "postgres", "--connection", "Host=127.0.0.1;Password=p", $"--Store:Path={missing}");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(error.Trim(), Is.EqualTo($"crm-esp: store migrate-to: Store:Path: the folder {Path.GetDirectoryName(missing)} does not exist"));
            Assert.That(Directory.Exists(Path.GetDirectoryName(missing)), Is.False, "nothing is created");
        });
    }

    [Test]
    public async Task MigrateTo_OtherProvider_Exit2NamingProvider()
    {
        var (code, _, error) = await CliRun.RunAsync(_folder, "store", "migrate-to", "--provider", "mysql", "--connection", "Host=127.0.0.1");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain("--provider: 'mysql' is not postgres"));
        });
    }

    [Test]
    public async Task ParentsFirst_TheStoresSchema_EveryForeignKeyParentComesBeforeItsChild()
    {
        await using var sqlite = new SqliteConnection($"Data Source={StorePath}");
        await sqlite.OpenAsync(Ct);
        var order = await TableOrder.ParentsFirstAsync(sqlite, Ct);
        var edges = (await sqlite.QueryAsync<(string Child, string Parent)>(
            "SELECT m.name, f.\"table\" FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'")).ToList();

        Assert.Multiple(async () =>
        {
            Assert.That(order, Is.EquivalentTo(await SourceTablesAsync()), "every table but schema_migrations, none forgotten");
            Assert.That(edges, Is.Not.Empty);
            foreach (var (child, parent) in edges.Where(e => e.Child != e.Parent))
            {
                Assert.That(order.ToList().IndexOf(parent), Is.LessThan(order.ToList().IndexOf(child)), $"{parent} before {child}");
            }
        });
    }

    [Test]
    public void Sort_Cycle_RefusedNamingTheTables() =>
        Assert.That(() => TableOrder.Sort(["a", "b", "c"], [("a", "b"), ("b", "a")]), Throws.InvalidOperationException.With.Message.Contains("a, b"));

    [Test]
    public void RowChecksum_SameRowsInAnotherOrder_SameChecksum_AnyChangeDiffers()
    {
        static TableDigest Digest(params object?[][] rows)
        {
            var checksum = new RowChecksum();
            foreach (var row in rows)
            {
                checksum.Add(row);
            }

            return checksum.Digest;
        }

        var a = Digest([1L, "x", null], [2L, "y", 1.5]);
        Assert.Multiple(() =>
        {
            Assert.That(Digest([2L, "y", 1.5], [1L, "x", null]), Is.EqualTo(a));
            Assert.That(Digest([1L, "x", ""], [2L, "y", 1.5]), Is.Not.EqualTo(a), "null is not empty text");
            Assert.That(Digest([1L, "x", null], [2L, "y", 1.5], [2L, "y", 1.5]).Checksum, Is.Not.EqualTo(Digest([1L, "x", null]).Checksum), "equal rows do not cancel");
            Assert.That(Digest([1L, "x", null], [2L, "y", 1.25]), Is.Not.EqualTo(a));
        });
    }

    private Task<(int Code, string Output, string Error)> MigrateAsync(string connectionString) =>
        CliRun.RunAsync(_folder, "store", "migrate-to", "--provider", "postgres", "--connection", connectionString, "--batch", "7");

    private static List<string> TableLines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("migrate-to:", StringComparison.Ordinal)).ToList();

    private async Task<List<string>> SourceTablesAsync()
    {
        await using var sqlite = new SqliteConnection($"Data Source={StorePath}");
        return (await sqlite.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name <> 'schema_migrations'", cancellationToken: Ct))).ToList();
    }

    private Task<long> SourceCountAsync(string table) => SourceScalarAsync($"SELECT count(*) FROM \"{table}\"");

    private async Task<long> SourceScalarAsync(string sql)
    {
        await using var sqlite = new SqliteConnection($"Data Source={StorePath}");
        return await sqlite.ExecuteScalarAsync<long>(new CommandDefinition(sql, cancellationToken: Ct));
    }

    private static async Task<long> CountAsync(string connectionString, string table)
    {
        await using var pg = await OpenAsync(connectionString);
        return await pg.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM \"{table}\"", cancellationToken: Ct));
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        return connection;
    }

    /// <summary>A sandbox sync into a file store, then ledger rows, a template and a webhook; checkpointed into one file.</summary>
    private static async Task<string> SeedAsync()
    {
        var folder = Directory.CreateTempSubdirectory("crm-esp-copy-seed-").FullName;
        var (code, _, error) = await CliRun.RunAsync(folder, "sync", "--full", "--json", "--Sandbox:Contacts=40", "--Sandbox:Deals=15");
        Assert.That(code, Is.Zero, error);
        Assert.That((await CliRun.RunAsync(folder, "webhooks", "add", "--url", "http://127.0.0.1:9/h", "--events", "sent", "--Webhooks:AllowPrivate=true")).Code, Is.Zero);
        SqliteConnection.ClearAllPools();
        await using (var sqlite = new SqliteConnection($"Data Source={Path.Combine(folder, "m.db")}"))
        {
            await sqlite.OpenAsync(Ct);
            var portal = await sqlite.ExecuteScalarAsync<long>("SELECT min(id) FROM portals");
            await sqlite.ExecuteAsync("""
                INSERT INTO send_keys (send_key, portal_id, name, kind, created_at) VALUES ('copy-key', @Portal, 'november-sale', 'Campaign', '2026-01-01T00:00:00Z');
                INSERT INTO send_ledger (send_key, recipient, contact_id, state, due_at, next_attempt_at, created_at, updated_at, sender_domain)
                VALUES ('copy-key', 'a@example.com', 1, 'sent', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', 'example.com'),
                       ('copy-key', 'b@example.com', 2, 'failed', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', 'example.com'),
                       ('copy-key', 'c@example.com', 3, 'queued', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', 'example.com');
                DELETE FROM send_ledger WHERE recipient = 'a@example.com';
                INSERT INTO send_ledger (send_key, recipient, contact_id, state, due_at, next_attempt_at, created_at, updated_at, sender_domain, reply_code)
                VALUES ('copy-key', 'd@example.com', 4, 'sent', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', 'example.com', 250);
                INSERT INTO templates (name, version, body, created_at) VALUES ('welcome', 1, '{"subject":"Hi ünïcode","html":"<p>x</p>"}', '2026-01-01T00:00:00Z');
                """, new { Portal = portal });
            await sqlite.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        SqliteConnection.ClearAllPools();
        return folder;
    }
}
