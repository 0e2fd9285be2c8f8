using System.CommandLine;
using System.Globalization;
using Connector.Operations.Backup;
using Connector.Store;
using Microsoft.Extensions.Configuration;

namespace Connector.Cli;

/// <summary>
/// <c>crm-esp backup --out FILE [--force]</c>: an online copy of the SQLite store (<see cref="StoreBackup"/>), safe while
/// <c>serve</c> runs; prints each table's rows in the copy. For a PostgreSQL store (<c>Store:Provider=Postgres</c>) it
/// prints the <c>pg_dump</c> way and exits 2.
/// </summary>
public static class BackupCommand
{
    public const string PostgresGuidance =
        "crm-esp: backup: the store is PostgreSQL (Store:Provider=Postgres); back it up with the server's own tool, e.g. "
        + "pg_dump --format=custom --file=crm-esp.dump \"$DATABASE_URL\" (restore into an empty database: pg_restore --no-owner --dbname=\"$DATABASE_URL\" crm-esp.dump)";

    public static Command Create(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var output = new Option<string>("--out") { Description = "The backup file to write (its folder must exist)", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace FILE if it exists" };
        var command = new Command("backup", "Copy the store into one file while serve may be running (SQLite online backup), checked and counted") { output, force };
        command.SetAction(async (parse, ct) =>
        {
            if (string.Equals(configuration["Store:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase))
            {
                await Console.Error.WriteLineAsync(PostgresGuidance);
                return 2;
            }

            var store = configuration.GetSection(StoreOptions.Section).Get<StoreOptions>()?.Path ?? new StoreOptions().Path;
            var target = parse.GetValue(output)!;
            var result = await StoreBackup.RunAsync(store, target, parse.GetValue(force), ct);
            if (result.Problem is { } problem)
            {
                await Console.Error.WriteLineAsync($"crm-esp: {problem}");
                return result.ExitCode;
            }

            foreach (var (table, rows) in result.Tables.Where(t => t.Rows > 0))
            {
                await Console.Out.WriteLineAsync($"{table,-36} {rows.ToString("N0", CultureInfo.InvariantCulture),12}".AsMemory(), ct);
            }

            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"backup: {Path.GetFullPath(target)}: integrity ok, {result.Tables.Count} tables, {result.Tables.Sum(t => t.Rows):N0} rows").AsMemory(), ct);
            return 0;
        });
        return command;
    }
}
