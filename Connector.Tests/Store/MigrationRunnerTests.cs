using Connector.Store;
using Dapper;

namespace Connector.Tests.Store;

[CancelAfter(120_000)]
public sealed class MigrationRunnerTests
{
    [Test]
    public async Task ApplyAsync_EmptyFileThenAgain_AppliesAllOnceThenNothing()
    {
        var path = Path.Combine(Path.GetTempPath(), "crm-esp-tests", Guid.NewGuid().ToString("N"), "m.db");
        var connections = new SqliteConnectionFactory(path);
        var sut = new MigrationRunner(connections, TimeProvider.System);

        var first = await sut.ApplyAsync(TestContext.CurrentContext.CancellationToken);
        var second = await sut.ApplyAsync(TestContext.CurrentContext.CancellationToken);

        await using var connection = await connections.OpenAsync(TestContext.CurrentContext.CancellationToken);
        var tables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToList();
        var journal = await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode");
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(MigrationRunner.Scripts.Count).And.GreaterThan(0));
            Assert.That(second, Is.Zero);
            Assert.That(tables, Is.SupersetOf(new[] { "portals", "contacts", "contact_emails", "deals", "deal_contacts", "pipelines", "stages", "stage_transitions", "sync_cursors", "schema_migrations" }));
            Assert.That(journal, Is.EqualTo("wal"));
        });
    }
}
