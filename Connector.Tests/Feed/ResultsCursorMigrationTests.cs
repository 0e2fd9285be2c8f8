using Connector.Feed;
using Connector.Store;
using Dapper;

namespace Connector.Tests.Feed;

/// <summary>
/// An installation upgraded to 0019 keeps where the timeline write-back and the webhooks stood: their cursors and watch
/// lists move to the feed's tables unchanged, so no fact is announced again and none is skipped.
/// </summary>
[CancelAfter(60_000)]
public sealed class ResultsCursorMigrationTests
{
    [Test]
    public async Task Migration0019_ExistingPositions_MoveUnchangedPerConsumer()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("feed-migration-").FullName;
        try
        {
            var connections = new SqliteConnectionFactory(Path.Combine(folder, "m.db"));
            await using (var connection = await connections.OpenAsync(ct))
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", cancellationToken: ct));
                foreach (var (version, name, sql) in MigrationRunner.Scripts.Where(s => s.Version < 19))
                {
                    await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: ct));
                    await connection.ExecuteAsync(new CommandDefinition(
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, 'x')", new { Version = version, Name = name }, cancellationToken: ct));
                }

                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO timeline_cursors (source, position, updated_at) VALUES ('send_ledger', 5, 'x'), ('engagement_hits', 7, 'x'), ('bounce_events', 3, 'x');
                    INSERT INTO timeline_ledger_watch (ledger_id) VALUES (4);
                    INSERT INTO webhook_cursors (source, position, updated_at) VALUES ('engagement_hits', 9, 'x');
                    INSERT INTO webhook_ledger_watch (ledger_id) VALUES (2);
                    """, cancellationToken: ct));
            }

            await new MigrationRunner(connections, TimeProvider.System).ApplyAsync(ct);
            var cursors = new ResultsCursorStore(connections);
            await using var after = await connections.OpenAsync(ct);
            var watch = (await after.QueryAsync<(string, long)>(new CommandDefinition(
                "SELECT consumer, ledger_id FROM results_ledger_watch ORDER BY consumer", cancellationToken: ct))).ToList();
            var left = await after.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM timeline_cursors", cancellationToken: ct));

            var positions = new[]
            {
                await cursors.PositionAsync("timeline", ResultSource.Ledger, ct), await cursors.PositionAsync("timeline", ResultSource.Hits, ct),
                await cursors.PositionAsync("timeline", ResultSource.Bounces, ct), await cursors.PositionAsync("webhooks", ResultSource.Hits, ct),
                await cursors.PositionAsync("webhooks", ResultSource.Ledger, ct),
            };

            Assert.Multiple(() =>
            {
                Assert.That(positions, Is.EqualTo(new long[] { 5, 7, 3, 9, 0 }), "timeline: ledger, hits, bounces; webhooks: hits, ledger (never moved)");
                Assert.That(watch, Is.EqualTo(new[] { ("timeline", 4L), ("webhooks", 2L) }));
                Assert.That(left, Is.Zero, "timeline_cursors keeps only the opt-out watcher's position now");
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
