using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Connector.Store.Copy;

/// <summary>
/// <c>crm-esp store migrate-to --provider postgres --connection …</c>: copies the SQLite store into a PostgreSQL
/// database. Both are migrated to this binary's schema first (the source by the SQLite scripts, the target by their
/// PostgreSQL twins); then each table but <c>schema_migrations</c> and Quartz's <c>QRTZ_*</c> (scheduler state that
/// serve re-creates at start) is copied parents first (<see cref="TableOrder"/>), in COPY BINARY batches typed by the
/// target's columns, each batch committed on its own. Resumable: a table whose target rows already have the source's
/// count and checksum is skipped; any other non-empty target table (an interrupted run) is truncated and copied again.
/// Then identity sequences continue after each table's max, and every table is verified by count and checksum.
/// </summary>
public static class StoreCopy
{
    public const string QuartzReason = "Quartz scheduler state, re-created by serve at start";

    public static async Task<StoreCopyResult> RunAsync(string storePath, string connectionString, StoreCopyOptions options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storePath);
        ArgumentNullException.ThrowIfNull(connectionString);
        ArgumentNullException.ThrowIfNull(options);
        var source = Path.GetFullPath(storePath);
        if (!Directory.Exists(Path.GetDirectoryName(source)))
        {
            return StoreCopyResult.Fail(2, $"Store:Path: the folder {Path.GetDirectoryName(source)} does not exist");
        }

        if (!File.Exists(source))
        {
            return StoreCopyResult.Fail(2, $"Store:Path: no store at {source}");
        }

        if (PostgresConnectionFactory.Check(connectionString) is { } bad)
        {
            return StoreCopyResult.Fail(2, $"--connection: {bad}");
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var target = $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        try
        {
            await new MigrationRunner(new SqliteConnectionFactory(source), timeProvider).ApplyAsync(cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            return StoreCopyResult.Fail(2, ex.Failures.FirstOrDefault() ?? ex.Message);
        }

        if (await Reachable(builder, target, timeProvider, cancellationToken) is { } problem)
        {
            return problem;
        }

        // A data source made after the migration, so its type cache knows citext.
        await using var dataSource = NpgsqlDataSource.Create(builder);
        await using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString());
        await sqlite.OpenAsync(cancellationToken);
        await using var postgres = await dataSource.OpenConnectionAsync(cancellationToken);
        var version = await sqlite.ExecuteScalarAsync<long>(new CommandDefinition("SELECT max(version) FROM schema_migrations", cancellationToken: cancellationToken));
        var copier = new TableCopier(sqlite, postgres, options);
        var lines = new List<TableCopyLine>();
        var planned = new List<(TablePlan Plan, TableDigest Source, TableCopyStatus Status)>();
        IReadOnlyList<string> order;
        try
        {
            order = await TableOrder.ParentsFirstAsync(sqlite, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return StoreCopyResult.Fail(1, $"Store:Path: {ex.Message}");
        }

        foreach (var table in order)
        {
            if (table.StartsWith("qrtz_", StringComparison.OrdinalIgnoreCase))
            {
                var skipped = new TableCopyLine(table, 0, 0, TableCopyStatus.Skipped);
                lines.Add(skipped);
                options.OnTable?.Invoke(skipped);
                continue;
            }

            try
            {
                var plan = await copier.PlanAsync(table, cancellationToken);
                var (digest, status) = await copier.CopyAsync(plan, cancellationToken);
                planned.Add((plan, digest, status));
            }
            catch (Exception ex) when (IsDataProblem(ex))
            {
                return StoreCopyResult.Fail(1, $"table {table}: {Reason(ex)}", lines);
            }
        }

        foreach (var (plan, digest, status) in planned)
        {
            try
            {
                await copier.ResetSequencesAsync(plan, cancellationToken);
                var copied = await copier.TargetDigestAsync(plan, cancellationToken);
                if (copied != digest)
                {
                    return StoreCopyResult.Fail(1,
                        $"table {plan.Source}: verification failed: source {digest.Rows} rows checksum {digest.Checksum:x16}, target {copied.Rows} rows checksum {copied.Checksum:x16}", lines);
                }

                var line = new TableCopyLine(plan.Source, digest.Rows, digest.Checksum, status);
                lines.Add(line);
                options.OnTable?.Invoke(line);
            }
            catch (Exception ex) when (IsDataProblem(ex))
            {
                return StoreCopyResult.Fail(1, $"table {plan.Source}: {Reason(ex)}", lines);
            }
        }

        return new StoreCopyResult(0, null, target, (int)version, lines);
    }

    /// <summary>Opens the target once (exit 2 naming --connection, never the password), then migrates it.</summary>
    private static async Task<StoreCopyResult?> Reachable(NpgsqlConnectionStringBuilder builder, string target, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        try
        {
            await using (var probe = new NpgsqlConnection(builder.ConnectionString))
            {
                await probe.OpenAsync(cancellationToken);
            }

            await using var connections = new PostgresConnectionFactory(builder.ConnectionString);
            await new MigrationRunner(connections, timeProvider).ApplyAsync(cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return StoreCopyResult.Fail(2, $"--connection: cannot open PostgreSQL at {target}: {PostgresConnectionFactory.Reason(ex)}");
        }
        catch (OptionsValidationException ex)
        {
            var failure = ex.Failures.FirstOrDefault() ?? ex.Message;
            return StoreCopyResult.Fail(2, failure.Replace("Store:ConnectionString", "--connection", StringComparison.Ordinal));
        }
    }

    private static bool IsDataProblem(Exception ex) =>
        ex is PostgresException or NpgsqlException or FormatException or InvalidCastException or OverflowException or NotSupportedException or SqliteException or InvalidOperationException
        && ex is not OperationCanceledException;

    private static string Reason(Exception ex) => ex is NpgsqlException ? PostgresConnectionFactory.Reason(ex).ReplaceLineEndings(" ") : ex.Message.ReplaceLineEndings(" ");
}
