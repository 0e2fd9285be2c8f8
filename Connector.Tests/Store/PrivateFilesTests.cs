using Connector.Crm.Bitrix24;
using Connector.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Store;

/// <summary>The store's folder is created 0700 and its files (db, -wal, -shm) are 0600; so is the key-ring folder beside it.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[CancelAfter(120_000)]
public sealed class PrivateFilesTests
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Test]
    public async Task Migrate_NewNestedFolder_FolderOwnerOnlyAndFiles0600()
    {
        var root = Directory.CreateTempSubdirectory("private-").FullName;
        var path = Path.Combine(root, "data", "inner", "crm-esp.db");
        var factory = new SqliteConnectionFactory(path);

        await new MigrationRunner(factory, new FakeTimeProvider()).ApplyAsync(TestContext.CurrentContext.CancellationToken);
        await using var open = await factory.OpenAsync(TestContext.CurrentContext.CancellationToken);
        await Dapper.SqlMapper.ExecuteAsync(open, "CREATE TABLE IF NOT EXISTS t (x INTEGER); INSERT INTO t VALUES (1);");

        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(Path.Combine(root, "data")), Is.EqualTo(Folder));
            Assert.That(File.GetUnixFileMode(Path.Combine(root, "data", "inner")), Is.EqualTo(Folder));
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(File600));
            Assert.That(File.Exists(path + "-wal") && File.Exists(path + "-shm"), Is.True);
            Assert.That(File.GetUnixFileMode(path + "-wal"), Is.EqualTo(File600));
            Assert.That(File.GetUnixFileMode(path + "-shm"), Is.EqualTo(File600));
        });
    }

    [Test]
    public async Task Open_ExistingWorldReadableFile_Tightened()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("private-").FullName, "old.db");
        await File.WriteAllBytesAsync(path, []);
        File.SetUnixFileMode(path, File600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using var open = await new SqliteConnectionFactory(path).OpenAsync(TestContext.CurrentContext.CancellationToken);

        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(File600));
    }

    [Test]
    public void AddBitrix24Client_NewStoreFolder_StoreAndKeyRingFoldersOwnerOnly()
    {
        var root = Directory.CreateTempSubdirectory("private-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Path"] = Path.Combine(root, "data", "crm-esp.db"),
        }).Build();

        new ServiceCollection().AddLogging().AddBitrix24Client(configuration);

        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(Path.Combine(root, "data")), Is.EqualTo(Folder));
            Assert.That(File.GetUnixFileMode(Path.Combine(root, "data", "keys")), Is.EqualTo(Folder));
        });
    }
}
