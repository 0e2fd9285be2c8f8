using Connector.Cli;
using Connector.Operations.Backup;
using Connector.Store;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Operations;

/// <summary><c>crm-esp backup</c>: an online copy while a writer commits, private, checked; refusals with exit 2 naming the path.</summary>
[CancelAfter(120_000)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class StoreBackupTests
{
    private string _folder = "";

    private string StorePath => Path.Combine(_folder, "store", "crm-esp.db");

    [SetUp]
    public async Task SetUpAsync()
    {
        _folder = Directory.CreateTempSubdirectory("crm-esp-backup-").FullName;
        var store = new SqliteConnectionFactory(StorePath);
        await new MigrationRunner(store, new FakeTimeProvider(DateTimeOffset.UnixEpoch)).ApplyAsync(CancellationToken.None);
        await using var connection = await store.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("CREATE TABLE backup_probe (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)");
        // A few MB, so the copy takes a while against the writer.
        await using var transaction = await connection.BeginTransactionAsync();
        for (var i = 0; i < 2_000; i++)
        {
            await connection.ExecuteAsync("INSERT INTO backup_probe (payload) VALUES (randomblob(2000))", transaction: transaction);
        }

        await transaction.CommitAsync();
    }

    [TearDown]
    public void TearDown()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Run_WhileAWriterCommits_CopyOpensPassesIntegrityCheckAndHoldsEveryRowCommittedBefore(CancellationToken cancellationToken)
    {
        var committed = 2_000L;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = Task.Run(async () =>
        {
            await using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False;Default Timeout=30");
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync("PRAGMA busy_timeout=30000");
            while (!stop.IsCancellationRequested)
            {
                await connection.ExecuteAsync("INSERT INTO backup_probe (payload) VALUES (randomblob(2000))");
                Interlocked.Increment(ref committed);
            }
        }, cancellationToken);
        while (Interlocked.Read(ref committed) < 2_200)
        {
            await Task.Delay(5, cancellationToken);
        }

        var before = Interlocked.Read(ref committed);
        var output = Path.Combine(_folder, "backup.db");
        var result = await StoreBackup.RunAsync(StorePath, output, force: false, cancellationToken);
        var during = Interlocked.Read(ref committed);
        while (Interlocked.Read(ref committed) < during + 50)
        {
            await Task.Delay(5, cancellationToken);
        }

        await stop.CancelAsync();
        await writer;
        var after = Interlocked.Read(ref committed);
        await using var copy = new SqliteConnection($"Data Source={output};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync(cancellationToken);
        var integrity = await copy.QuerySingleAsync<string>("PRAGMA integrity_check");
        var rows = await copy.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM backup_probe");
        var migrations = await copy.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations");
        var journal = await copy.QuerySingleAsync<string>("PRAGMA journal_mode");

        Assert.Multiple(() =>
        {
            Assert.That(result.Problem, Is.Null);
            Assert.That(result.ExitCode, Is.Zero);
            Assert.That(integrity, Is.EqualTo("ok"));
            Assert.That(rows, Is.GreaterThanOrEqualTo(before), "every row committed before the backup began");
            Assert.That(rows, Is.LessThan(after), "the writer went on after the copy");
            Assert.That(result.Tables, Does.Contain(("backup_probe", rows)), "the printed count is the copy's");
            Assert.That(migrations, Is.EqualTo(MigrationRunner.Scripts.Count));
            Assert.That(journal, Is.EqualTo("delete"), "one self-contained file");
            Assert.That(File.GetUnixFileMode(output), Is.EqualTo(PrivateFiles.FileMode));
            Assert.That(Directory.GetFiles(_folder, "*.partial*"), Is.Empty);
        });
    }

    [Test]
    public async Task Run_ExistingFileWithoutForce_Exit2NamingIt_WithForce_Replaced(CancellationToken cancellationToken)
    {
        var output = Path.Combine(_folder, "backup.db");
        await File.WriteAllTextAsync(output, "not a database", cancellationToken);

        var refused = await StoreBackup.RunAsync(StorePath, output, force: false, cancellationToken);
        var untouched = await File.ReadAllTextAsync(output, cancellationToken);
        var forced = await StoreBackup.RunAsync(StorePath, output, force: true, cancellationToken);
        await using var copy = new SqliteConnection($"Data Source={output};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync(cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That((refused.ExitCode, refused.Problem), Is.EqualTo((2, $"backup: --out: {output} already exists (add --force to replace it)")));
            Assert.That(untouched, Is.EqualTo("not a database"));
            Assert.That(forced.ExitCode, Is.Zero, forced.Problem);
            Assert.That(await copy.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM backup_probe"), Is.EqualTo(2_000));
        });
    }

    [Test]
    public async Task Run_MissingFolderOrMissingStore_Exit2NamingThePath(CancellationToken cancellationToken)
    {
        var missing = Path.Combine(_folder, "no-such-folder");

        var noFolder = await StoreBackup.RunAsync(StorePath, Path.Combine(missing, "b.db"), force: false, cancellationToken);
        var noStore = await StoreBackup.RunAsync(Path.Combine(_folder, "absent.db"), Path.Combine(_folder, "b.db"), force: false, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That((noFolder.ExitCode, noFolder.Problem), Is.EqualTo((2, $"backup: --out: the folder {missing} does not exist")));
            Assert.That((noStore.ExitCode, noStore.Problem), Is.EqualTo((2, $"backup: Store:Path: no store at {Path.Combine(_folder, "absent.db")}")));
            Assert.That(File.Exists(Path.Combine(_folder, "b.db")), Is.False);
        });
    }

    [Test]
    public async Task Cli_PostgresStore_Exit2WithPgDumpGuidance_SqliteStore_Exit0(CancellationToken cancellationToken)
    {
        var output = Path.Combine(_folder, "cli.db");

        var postgres = await CliApp.RunAsync(["backup", "--out", output, "--Store:Provider=Postgres", $"--Store:Path={StorePath}"], TimeProvider.System, cancellationToken);
        var sqlite = await CliApp.RunAsync(["backup", "--out", output, $"--Store:Path={StorePath}"], TimeProvider.System, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(postgres, Is.EqualTo(2));
            Assert.That(BackupCommand.PostgresGuidance, Does.Contain("pg_dump"));
            Assert.That(sqlite, Is.Zero);
            Assert.That(File.Exists(output), Is.True);
        });
    }
}
