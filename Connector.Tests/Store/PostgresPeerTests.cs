using Connector.Tests.TestSupport;
using Npgsql;

namespace Connector.Tests.Store;

/// <summary>The PostgreSQL peer itself: isolated databases, and a server that is gone (by its pid) once stopped.</summary>
[Category("Peers")]
[CancelAfter(120_000)]
public sealed class PostgresPeerTests
{
    [Test]
    public async Task CreateDatabaseAsync_TwoCalls_TwoEmptyDatabasesThatDoNotShareTables()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var first = await PostgresPeer.CreateDatabaseAsync(ct);
        var second = await PostgresPeer.CreateDatabaseAsync(ct);

        await using (var a = new NpgsqlConnection(first))
        {
            await a.OpenAsync(ct);
            await using var create = new NpgsqlCommand("CREATE TABLE only_here (id BIGINT)", a);
            await create.ExecuteNonQueryAsync(ct);
        }

        await using var b = new NpgsqlConnection(second);
        await b.OpenAsync(ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", b);
        Assert.Multiple(() =>
        {
            Assert.That(new NpgsqlConnectionStringBuilder(first).Database, Is.Not.EqualTo(new NpgsqlConnectionStringBuilder(second).Database));
            Assert.That(PostgresPeer.Pid is { } pid && PostgresPeer.IsRunning(pid), Is.True);
        });
        Assert.That(await count.ExecuteScalarAsync(ct), Is.Zero);
    }

    [Test]
    public async Task Server_StartedThenStopped_NoProcessAndNoFolderLeft()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var server = await PostgresServer.StartAsync(ct);
        var (pid, folder) = (server.Pid, server.Folder);
        await using (var connection = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await connection.OpenAsync(ct);
            await using var version = new NpgsqlCommand("SHOW server_version", connection);
            Assert.That((string?)await version.ExecuteScalarAsync(ct), Does.Match(@"^\d+"));
        }

        var runningBefore = PostgresPeer.IsRunning(pid);
        server.Stop();

        Assert.Multiple(() =>
        {
            Assert.That(runningBefore, Is.True);
            Assert.That(PostgresPeer.IsRunning(pid), Is.False, "the postmaster is gone");
            Assert.That(Directory.Exists(folder), Is.False);
            Assert.That(PostgresChildren(pid), Is.Empty, "no backend of that server is left");
        });
    }

    /// <summary>Processes whose parent is the given (stopped) postmaster.</summary>
    private static List<int> PostgresChildren(int parent) =>
        Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(d => int.TryParse(d, out _)).Select(int.Parse!)
            .Where(p =>
            {
                try
                {
                    var stat = File.ReadAllText($"/proc/{p}/stat");
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    return fields[1] == parent.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    return false;
                }
            })
            .ToList();
}
