using System.Data.Common;
using System.Text.RegularExpressions;
using Connector.Store;
using Connector.Tests.TestSupport;
using Dapper;

namespace Connector.Tests.Store;

/// <summary>
/// After every migration on both providers the schemas match: every table on both sides, with the same columns (and
/// their NOT NULL and mapped types, so Dapper reads the same CLR types), primary keys, unique indexes (columns and
/// whether partial), named indexes and CHECK constraints (their literals). A migration that forgets its PostgreSQL
/// twin, or a twin that drifts, fails here. Names compare case-insensitively (PostgreSQL folds Quartz's QRTZ_ tables).
/// </summary>
[Category("Peers")]
[CancelAfter(180_000)]
public sealed partial class SchemaParityTests
{
    /// <summary>Columns whose nullability Quartz 4.7.3's own create_sqlite.sql and create_postgres.sql disagree on.</summary>
    private static readonly HashSet<string> QuartzOwnDifferences = new(StringComparer.Ordinal) { "qrtz_fired_triggers.is_nonconcurrent" };

    private Schema _sqlite = null!;
    private Schema _postgres = null!;

    [OneTimeSetUp]
    public async Task MigrateBoth()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var sqlite = await StoreProviders.CreateAsync(StoreProvider.Sqlite, ct);
        var postgres = await StoreProviders.CreateAsync(StoreProvider.Postgres, ct);
        try
        {
            _sqlite = await SqliteSchemaAsync(sqlite, ct);
            _postgres = await PostgresSchemaAsync(postgres, ct);
        }
        finally
        {
            await StoreProviders.ReleaseAsync(postgres);
        }
    }

    [Test]
    public void Tables_SameOnBoth()
    {
        Assert.That(_postgres.Tables.Keys, Is.EquivalentTo(_sqlite.Tables.Keys));
        Assert.That(_sqlite.Tables.Keys, Has.Member("portals").And.Member("send_ledger").And.Member("qrtz_triggers").And.Member("schema_migrations"));
    }

    [Test]
    public void Columns_SameNamesNullabilityAndTypes()
    {
        // Quartz's tables are its own verbatim schemas: their types are Quartz's per dialect, and one nullability differs there.
        var differences = Compare(t => t.Columns.Select(c => t.Name.StartsWith("qrtz_", StringComparison.Ordinal)
            ? $"{c.Name}{(QuartzOwnDifferences.Contains($"{t.Name}.{c.Name}") ? "" : c.NotNull ? " not null" : " null")}"
            : $"{c.Name} {(c.NotNull ? "not null" : "null")} {c.Type}"));
        Assert.That(differences, Is.Empty);
    }

    [Test]
    public void PrimaryKeys_SameColumnsInOrder()
    {
        var differences = Compare(t => [string.Join(",", t.PrimaryKey)]);
        Assert.That(differences, Is.Empty);
    }

    [Test]
    public void UniqueIndexes_SameColumnsAndPartiality()
    {
        var differences = Compare(t => t.Unique);
        Assert.That(differences, Is.Empty);
        Assert.That(_sqlite.Tables["bounce_events"].Unique, Has.Member("source_id,recipient partial"), "the parity reads expression keys (lower(recipient)) too");
    }

    [Test]
    public void NamedIndexes_SameOnBoth()
    {
        var differences = Compare(t => t.Indexes);
        Assert.That(differences, Is.Empty);
    }

    [Test]
    public void Checks_SameLiteralsPerTable()
    {
        var differences = Compare(t => t.Checks);
        Assert.That(differences, Is.Empty);
        Assert.That(_postgres.Tables["send_ledger"].Checks, Has.Some.Contains("'held'"), "0022's CHECK is the one in force");
    }

    /// <summary>Per table present on both, what one side has that the other lacks ("table: sqlite has X" / "postgres has Y").</summary>
    private List<string> Compare(Func<Table, IEnumerable<string>> facts)
    {
        var differences = new List<string>();
        foreach (var (name, sqlite) in _sqlite.Tables)
        {
            if (!_postgres.Tables.TryGetValue(name, out var postgres))
            {
                continue;
            }

            var (left, right) = (facts(sqlite).Order(StringComparer.Ordinal).ToList(), facts(postgres).Order(StringComparer.Ordinal).ToList());
            differences.AddRange(left.Except(right).Select(x => $"{name}: only sqlite has {x}"));
            differences.AddRange(right.Except(left).Select(x => $"{name}: only postgres has {x}"));
        }

        return differences;
    }

    private static async Task<Schema> SqliteSchemaAsync(IStoreConnections connections, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        var tables = new Dictionary<string, Table>(StringComparer.Ordinal);
        var rows = await c.QueryAsync<(string Name, string Sql)>(new CommandDefinition(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", cancellationToken: ct));
        foreach (var (name, sql) in rows)
        {
            var columns = (await c.QueryAsync<(string Name, string Type, long NotNull, long Pk)>(new CommandDefinition(
                "SELECT name, type, \"notnull\", pk FROM pragma_table_info(@name)", new { name }, cancellationToken: ct))).ToList();
            var unique = new List<string>();
            var indexes = new List<string>();
            foreach (var (index, isUnique, origin, partial) in await c.QueryAsync<(string Name, long Unique, string Origin, long Partial)>(new CommandDefinition(
                "SELECT name, \"unique\", origin, partial FROM pragma_index_list(@name)", new { name }, cancellationToken: ct)))
            {
                if (origin == "c")
                {
                    indexes.Add(index.ToLowerInvariant());
                }

                if (isUnique == 1 && origin != "pk")
                {
                    var keys = await c.QueryAsync<string>(new CommandDefinition(
                        "SELECT name FROM pragma_index_info(@index) ORDER BY seqno", new { index }, cancellationToken: ct));
                    unique.Add($"{string.Join(",", keys.Select(k => k.ToLowerInvariant()))}{(partial == 1 ? " partial" : "")}");
                }
            }

            // A rowid alias (INTEGER PRIMARY KEY) can be NULL-less without saying NOT NULL; PostgreSQL's primary keys are NOT NULL.
            tables[name.ToLowerInvariant()] = new Table(
                name.ToLowerInvariant(),
                columns.Select(x => new Column(x.Name.ToLowerInvariant(), SqliteType(x.Type), x.NotNull == 1 || x.Pk > 0)).ToList(),
                columns.Where(x => x.Pk > 0).OrderBy(x => x.Pk).Select(x => x.Name.ToLowerInvariant()).ToList(),
                unique,
                indexes,
                CheckBodies(sql).Select(Literals).ToList());
        }

        return new Schema(tables);
    }

    private static async Task<Schema> PostgresSchemaAsync(IStoreConnections connections, CancellationToken ct)
    {
        await using var c = await connections.OpenAsync(ct);
        var tables = new Dictionary<string, Table>(StringComparer.Ordinal);
        var names = await c.QueryAsync<string>(new CommandDefinition(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", cancellationToken: ct));
        foreach (var name in names)
        {
            var columns = (await c.QueryAsync<(string Name, string Type, string Nullable)>(new CommandDefinition(
                "SELECT column_name, CASE WHEN data_type = 'USER-DEFINED' THEN udt_name ELSE data_type END, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @name",
                new { name }, cancellationToken: ct))).ToList();
            var indexes = (await c.QueryAsync<(string Name, bool Unique, bool Primary, bool Partial, bool Constraint, string[] Keys)>(new CommandDefinition(
                """
                SELECT i.relname, x.indisunique, x.indisprimary, x.indpred IS NOT NULL,
                       EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid),
                       ARRAY(SELECT pg_get_indexdef(x.indexrelid, n, true) FROM generate_series(1, x.indnkeyatts) n ORDER BY n)
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace s ON s.oid = t.relnamespace
                WHERE s.nspname = 'public' AND t.relname = @name
                """, new { name }, cancellationToken: ct))).ToList();
            var checks = await c.QueryAsync<string>(new CommandDefinition(
                "SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace s ON s.oid = t.relnamespace WHERE s.nspname = 'public' AND t.relname = @name AND k.contype = 'c'",
                new { name }, cancellationToken: ct));
            var primary = indexes.SingleOrDefault(i => i.Primary);
            tables[name] = new Table(
                name,
                // citext (a NOCASE column's twin) reads and writes as text: the same CLR type.
                columns.Select(x => new Column(x.Name, x.Type == "citext" ? "text" : x.Type, x.Nullable == "NO")).ToList(),
                primary.Keys?.Select(Key).ToList() ?? [],
                indexes.Where(i => i.Unique && !i.Primary).Select(i => $"{string.Join(",", i.Keys.Select(Key))}{(i.Partial ? " partial" : "")}").ToList(),
                indexes.Where(i => !i.Constraint).Select(i => i.Name).ToList(),
                checks.Select(Literals).ToList());
        }

        return new Schema(tables);
    }

    /// <summary>An index key as a column name: lower(recipient) (a NOCASE key's twin) is recipient.</summary>
    private static string Key(string definition) => LowerKey().Match(definition) is { Success: true } m ? m.Groups[1].Value : definition.Trim('"');

    /// <summary>SQLite's declared type as the PostgreSQL type its twin must use.</summary>
    private static string SqliteType(string declared) => declared.ToUpperInvariant() switch
    {
        "INTEGER" => "bigint",
        "TEXT" => "text",
        "REAL" => "double precision",
        "BLOB" => "bytea",
        var other => other.ToLowerInvariant(),
    };

    /// <summary>A CHECK as its sorted quoted literals (or its whole text when it has none), comparable across dialects.</summary>
    private static string Literals(string check)
    {
        var literals = Regex.Matches(check, "'[^']*'").Select(m => m.Value).Distinct().Order(StringComparer.Ordinal).ToList();
        return literals.Count > 0 ? string.Join(" ", literals) : "numbers " + string.Join(" ", Regex.Matches(check, @"\b\d+\b").Select(m => m.Value).Order(StringComparer.Ordinal));
    }

    /// <summary>The bodies of the CHECK (…) clauses in a CREATE TABLE statement (balanced parentheses).</summary>
    private static IEnumerable<string> CheckBodies(string sql)
    {
        foreach (Match m in CheckStart().Matches(sql))
        {
            var depth = 0;
            var start = m.Index + m.Length - 1;
            for (var i = start; i < sql.Length; i++)
            {
                depth += sql[i] switch { '(' => 1, ')' => -1, _ => 0 };
                if (depth == 0)
                {
                    yield return sql[start..(i + 1)];
                    break;
                }
            }
        }
    }

    [GeneratedRegex(@"\bCHECK\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex CheckStart();

    [GeneratedRegex(@"^lower\(\(?""?(\w+)""?\)?(?:::text)?\)$")]
    private static partial Regex LowerKey();

    private sealed record Schema(Dictionary<string, Table> Tables);

    private sealed record Table(string Name, List<Column> Columns, List<string> PrimaryKey, List<string> Unique, List<string> Indexes, List<string> Checks);

    private sealed record Column(string Name, string Type, bool NotNull);
}
