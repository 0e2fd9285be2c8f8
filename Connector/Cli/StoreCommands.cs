using System.CommandLine;
using System.Globalization;
using Connector.Store;
using Connector.Store.Copy;
using Microsoft.Extensions.Configuration;

namespace Connector.Cli;

/// <summary>
/// <c>crm-esp store migrate-to --provider postgres --connection CONNSTRING</c>: copies the SQLite store
/// (<c>Store:Path</c>) into a PostgreSQL database (<see cref="StoreCopy"/>), a verified line per table.
/// Exit 0 when every table verified, 1 naming the table that did not, 2 for the source, the target or the arguments.
/// </summary>
public static class StoreCommands
{
    public static Command Create(IConfiguration configuration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = new Option<string>("--provider") { Description = "The target's engine: postgres", Required = true };
        var connection = new Option<string>("--connection") { Description = "The target database (Npgsql syntax: Host=…;Database=…;Username=…;Password=…)", Required = true };
        var batch = new Option<int>("--batch") { Description = "Rows per COPY batch", DefaultValueFactory = _ => 5_000 };
        var migrateTo = new Command("migrate-to", "Copy the SQLite store into PostgreSQL: schema, rows in key order, sequences; resumable, verified by count and checksum")
        {
            provider, connection, batch,
        };
        migrateTo.SetAction(async (parse, ct) =>
        {
            if (!string.Equals(parse.GetValue(provider), "postgres", StringComparison.OrdinalIgnoreCase))
            {
                await Console.Error.WriteLineAsync($"crm-esp: store migrate-to: --provider: '{parse.GetValue(provider)}' is not postgres (the only target)");
                return 2;
            }

            if (parse.GetValue(batch) < 1)
            {
                await Console.Error.WriteLineAsync("crm-esp: store migrate-to: --batch: must be at least 1");
                return 2;
            }

            var store = configuration.GetSection(StoreOptions.Section).Get<StoreOptions>()?.Path ?? new StoreOptions().Path;
            var options = new StoreCopyOptions { BatchRows = parse.GetValue(batch), OnTable = line => Console.Out.WriteLine(Format(line)) };
            var result = await StoreCopy.RunAsync(store, parse.GetValue(connection)!, options, time, ct);
            if (result.Problem is { } problem)
            {
                await Console.Error.WriteLineAsync($"crm-esp: store migrate-to: {problem}");
                return result.ExitCode;
            }

            var copied = result.Tables.Where(t => t.Status != TableCopyStatus.Skipped).ToList();
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"migrate-to: {result.Target}: verified {copied.Count} tables, {copied.Sum(t => t.Rows):N0} rows ({copied.Count(t => t.Status == TableCopyStatus.Copied)} copied, {copied.Count(t => t.Status == TableCopyStatus.AlreadyComplete)} already complete), schema version {result.SchemaVersion}").AsMemory(), ct);
            return 0;
        });
        return new Command("store", "The store itself: move it to PostgreSQL") { migrateTo };
    }

    public static string Format(TableCopyLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Status switch
        {
            TableCopyStatus.Skipped => $"{line.Table,-36} {"",12}  {"",16}  skipped ({StoreCopy.QuartzReason})",
            _ => string.Create(CultureInfo.InvariantCulture,
                $"{line.Table,-36} {line.Rows,12:N0}  {line.Checksum:x16}  {(line.Status == TableCopyStatus.Copied ? "copied, verified" : "already complete, verified")}"),
        };
    }
}
