using System.Text.RegularExpressions;
using Connector.Store;

namespace Connector.Tests.Store;

/// <summary>The two embedded script sets stay apart, and a number only shares its script where the SQL is the same on both.</summary>
[CancelAfter(30_000)]
public sealed partial class MigrationScriptsTests
{
    [Test]
    public void Scripts_EmbeddedSets_TwinsArePostgresOnlyAndEachTwinHasASharedNumber()
    {
        Assert.Multiple(() =>
        {
            Assert.That(MigrationRunner.PostgresScripts, Is.Not.Empty);
            Assert.That(MigrationRunner.Scripts.Where(s => s.Sql.StartsWith("-- PostgreSQL twin", StringComparison.Ordinal)).Select(s => s.Version), Is.Empty);
            Assert.That(MigrationRunner.PostgresScripts.Where(s => !s.Sql.StartsWith("-- PostgreSQL twin", StringComparison.Ordinal)).Select(s => s.Version), Is.Empty);
            Assert.That(MigrationRunner.PostgresScripts.Select(s => (s.Version, s.Name)), Is.SubsetOf(MigrationRunner.Scripts.Select(s => (s.Version, s.Name))),
                "a twin has the number and name of a shared script");
            Assert.That(MigrationRunner.For(StoreProvider.Postgres).Select(s => s.Version), Is.EqualTo(MigrationRunner.Scripts.Select(s => s.Version)));
            Assert.That(MigrationRunner.For(StoreProvider.Sqlite), Is.EqualTo(MigrationRunner.Scripts));
        });
    }

    [Test]
    public void For_Postgres_EveryScriptItAppliesIsFreeOfSqliteOnlySql()
    {
        // 0026 is Quartz's own PostgreSQL schema, verbatim (its integer and bytea are what Quartz's delegate reads).
        var sqliteOnly = MigrationRunner.For(StoreProvider.Postgres).Where(s => s.Version != QuartzSchema)
            .Select(s => (s.Version, Hits: SqliteOnly().Matches(WithoutComments(s.Sql)).Select(m => m.Value).Distinct().ToList()))
            .Where(s => s.Hits.Count > 0)
            .Select(s => $"{s.Version:0000}: {string.Join(", ", s.Hits)}")
            .ToList();

        Assert.That(sqliteOnly, Is.Empty, "a shared script with SQLite-only SQL needs a twin in Store/Migrations/Postgres");
    }

    private const int QuartzSchema = 26;

    private static string WithoutComments(string sql) => string.Join('\n', sql.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal)));

    // INTEGER would be int4 on PostgreSQL (Dapper would map int, not long), REAL float4; the rest does not parse there.
    [GeneratedRegex(@"\b(INTEGER|REAL|BLOB|AUTOINCREMENT|WITHOUT ROWID|COLLATE NOCASE|INSERT OR \w+|PRAGMA|NVARCHAR|datetime\(|strftime\()", RegexOptions.IgnoreCase)]
    private static partial Regex SqliteOnly();
}
