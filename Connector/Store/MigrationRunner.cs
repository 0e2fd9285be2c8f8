using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Options;

namespace Connector.Store;

/// <summary>
/// Applies the numbered, forward-only scripts embedded from Store/Migrations, each in its own transaction, recording
/// each in schema_migrations. On PostgreSQL a number's twin in Store/Migrations/Postgres is applied instead when it
/// exists (else the shared script). Running it on an up-to-date store changes nothing; a store whose recorded schema
/// is newer than this binary's scripts is refused untouched (an older binary must not write a newer schema).
/// Problems a person fixes in the configuration (server unreachable, wrong password, newer schema) come back as
/// <see cref="OptionsValidationException"/>: one line naming the key, exit 2.
/// </summary>
public sealed partial class MigrationRunner(IStoreConnections connections, TimeProvider timeProvider)
{
    private const string CreateLedgerSqlite =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

    private const string CreateLedgerPostgres =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

    // Several instances starting at once on one PostgreSQL database: one migrates, the others wait, then find nothing to do.
    private const long PostgresMigrationLock = 0x63726d5f657370; // "crm_esp"

    private static readonly IReadOnlyList<Script> AllScripts = LoadScripts();

    /// <summary>The shared scripts, by number (what SQLite applies).</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } =
        AllScripts.Where(s => !s.Postgres).Select(s => (s.Version, s.Name, s.Sql)).ToList();

    /// <summary>The PostgreSQL twins, by number.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> PostgresScripts { get; } =
        AllScripts.Where(s => s.Postgres).Select(s => (s.Version, s.Name, s.Sql)).ToList();

    /// <summary>The highest number this binary knows.</summary>
    public static int LatestVersion { get; } = AllScripts.Max(s => s.Version);

    /// <summary>
    /// Set by the hosts (serve, CLI): with Store:Provider=Postgres the schema is migrated, then start is refused while
    /// the slices' stores still run on SQLite only. Tests of the runner itself leave it off.
    /// </summary>
    public bool RefuseUnconvertedProvider { get; init; }

    /// <summary>The scripts this provider applies, by number: the PostgreSQL twin where one exists.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> For(StoreProvider provider) => provider == StoreProvider.Sqlite
        ? Scripts
        : Scripts.Select(s => PostgresScripts.FirstOrDefault(p => p.Version == s.Version) is { Sql: not null } twin ? twin : s).ToList();

    public async Task<int> ApplyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var postgres = connections.Provider == StoreProvider.Postgres;
        if (postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@Key)", new { Key = PostgresMigrationLock }, cancellationToken: cancellationToken));
        }
        else
        {
            // WAL lets readers (CLI exports, UI) run while a sync writes; it stays set in the file.
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL", cancellationToken: cancellationToken));
        }

        try
        {
            var count = await ApplyScriptsAsync(connection, cancellationToken);
            if (RefuseUnconvertedProvider && postgres)
            {
                throw Refused("Store:Provider",
                    $"Postgres: the schema at {connections.Describe} is migrated (version {LatestVersion}) and the mirror and sync state stores are converted, " +
                    "but the connector's other stores (app installs, sending, results, tracking, bounces, timeline, webhooks, scenarios, campaigns, " +
                    "segments, templates, settings, UI, scheduler) still run on SQLite only; use Store:Provider=Sqlite until they are converted");
            }

            return count;
        }
        finally
        {
            if (postgres && connection.State == System.Data.ConnectionState.Open)
            {
                // A session lock; were the connection broken, the lock ended with it.
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@Key)", new { Key = PostgresMigrationLock }, cancellationToken: CancellationToken.None));
            }
        }
    }

    private async Task<int> ApplyScriptsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var postgres = connections.Provider == StoreProvider.Postgres;
        await connection.ExecuteAsync(new CommandDefinition(postgres ? CreateLedgerPostgres : CreateLedgerSqlite, cancellationToken: cancellationToken));
        var applied = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT version FROM schema_migrations", cancellationToken: cancellationToken))).ToHashSet();
        if (applied.Count > 0 && applied.Max() > LatestVersion)
        {
            throw Refused(postgres ? "Store:ConnectionString" : "Store:Path",
                $"the store at {connections.Describe} has schema version {applied.Max()}, newer than this binary's {LatestVersion}; run the newer crm-esp that migrated it");
        }

        var count = 0;
        foreach (var (version, name, sql) in For(connections.Provider).Where(s => !applied.Contains(s.Version)))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { Version = (long)version, Name = name, AppliedAt = UtcText.From(timeProvider.GetUtcNow()) },
                transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            count++;
        }

        return count;
    }

    /// <summary>The first connection; on PostgreSQL an unreachable server or a refused login is a configuration problem.</summary>
    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (connections.Provider == StoreProvider.Sqlite)
        {
            return await connections.OpenAsync(cancellationToken);
        }

        try
        {
            return await connections.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw Refused("Store:ConnectionString", $"cannot open the PostgreSQL store at {connections.Describe}: {PostgresConnectionFactory.Reason(ex)}");
        }
    }

    private static OptionsValidationException Refused(string key, string problem) =>
        new(StoreOptions.Section, typeof(StoreOptions), [$"{key}: {problem}"]);

    private static List<Script> LoadScripts()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var scripts = new List<Script>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ScriptName().Match(resource);
            if (!match.Success)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new Script(
                int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                reader.ReadToEnd(),
                match.Groups["postgres"].Success));
        }

        return scripts.OrderBy(s => s.Version).ToList();
    }

    // Connector.Store.Migrations.0001_initial.sql (shared) and Connector.Store.Migrations.Postgres.0001_initial.sql (twin).
    [GeneratedRegex(@"\.Store\.Migrations\.(?<postgres>Postgres\.)?(?<version>\d{4})_(?<name>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();

    private sealed record Script(int Version, string Name, string Sql, bool Postgres);
}
