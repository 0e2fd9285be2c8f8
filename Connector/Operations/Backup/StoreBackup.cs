using Connector.Store;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Connector.Operations.Backup;

/// <summary>
/// <c>crm-esp backup --out FILE</c> for the SQLite store: SQLite's online backup API copies the store while
/// <c>serve</c> may be writing (WAL: the copy is the snapshot of one read transaction, the writers go on), into a
/// temporary file beside FILE created 0600 (<see cref="PrivateFiles.FileMode"/>), switched to a single-file journal,
/// checked with <c>PRAGMA integrity_check</c>, counted, and only then renamed to FILE. An existing FILE is refused
/// unless <c>force</c>; a missing folder is refused naming it.
/// </summary>
public static class StoreBackup
{
    public static async Task<BackupResult> RunAsync(string storePath, string output, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storePath);
        ArgumentNullException.ThrowIfNull(output);
        var target = Path.GetFullPath(output);
        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            return BackupResult.Fail(2, $"backup: --out: the folder {folder} does not exist");
        }

        if (Directory.Exists(target))
        {
            return BackupResult.Fail(2, $"backup: --out: {target} is a folder; give a file name");
        }

        if (File.Exists(target) && !force)
        {
            return BackupResult.Fail(2, $"backup: --out: {target} already exists (add --force to replace it)");
        }

        var source = Path.GetFullPath(storePath);
        if (!File.Exists(source))
        {
            return BackupResult.Fail(2, $"backup: Store:Path: no store at {source}");
        }

        if (string.Equals(source, target, StringComparison.Ordinal))
        {
            return BackupResult.Fail(2, $"backup: --out: {target} is the store itself");
        }

        var partial = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
        try
        {
            CreatePrivate(partial);
            IReadOnlyList<(string, long)> tables;
            await using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30 }.ToString()))
            await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                await from.OpenAsync(cancellationToken);
                await to.OpenAsync(cancellationToken);
                from.BackupDatabase(to);
                // The copy keeps the store's WAL flag; a backup is one self-contained file.
                await to.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=DELETE", cancellationToken: cancellationToken));
                var integrity = (await to.QueryAsync<string>(new CommandDefinition("PRAGMA integrity_check", cancellationToken: cancellationToken))).ToList();
                if (integrity is not ["ok"])
                {
                    return BackupResult.Fail(1, $"backup: the copy failed PRAGMA integrity_check: {Connector.Web.LogText.Safe(string.Join("; ", integrity.Take(3)))}");
                }

                tables = await CountAsync(to, cancellationToken);
            }

            File.Move(partial, target, overwrite: force);
            return new BackupResult(0, null, tables);
        }
        catch (SqliteException ex)
        {
            return BackupResult.Fail(1, $"backup: {source}: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return BackupResult.Fail(1, $"backup: {target}: {ex.Message}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var leftover in new[] { partial, partial + "-journal" })
            {
                if (File.Exists(leftover))
                {
                    File.Delete(leftover);
                }
            }
        }
    }

    private static void CreatePrivate(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFiles.FileMode;
        }

        using var created = new FileStream(path, options);
    }

    private static async Task<IReadOnlyList<(string, long)>> CountAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var names = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", cancellationToken: cancellationToken));
        var counts = new List<(string, long)>();
        foreach (var name in names)
        {
            // A table name read from the schema, quoted as an identifier: not user input.
            var rows = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", cancellationToken: cancellationToken));
            counts.Add((name, rows));
        }

        return counts;
    }
}
