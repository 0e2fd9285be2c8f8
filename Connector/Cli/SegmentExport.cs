using System.CommandLine;
using System.Text;
using Connector.Segments;
using Connector.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Cli;

/// <summary>
/// <c>segment export EXPR | --name NAME [--format csv|jsonl] [--out FILE] [--portal KEY]</c>: the segment's contacts, one
/// a row, ordered by id. CSV through <see cref="CsvWriter"/> (formula-like fields neutralised); a file is written whole
/// or not at all (a temporary file renamed at the end).
/// </summary>
internal static class SegmentExport
{
    public static Command Create(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var expression = SegmentCommands.ExpressionArgument();
        var name = SegmentCommands.NameOption();
        var portal = SegmentCommands.PortalOption();
        var format = new Option<string>("--format") { Description = "csv or jsonl", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "jsonl");
        var output = new Option<string?>("--out") { Description = "Write to this file instead of stdout" };
        var command = new Command("export", "The segment's contacts: id, names, e-mails, created, modified") { expression, name, portal, format, output };
        command.SetAction(async (parse, ct) => await SegmentCommands.RunAsync(configuration, time, parse.GetValue(sandbox), parse.GetValue(expression), parse.GetValue(name), parse.GetValue(portal), "export",
            async (services, _, portalId, sql) =>
            {
                var rows = services.GetRequiredService<SegmentQueries>().ContactsAsync(portalId, sql, ct);
                var jsonl = parse.GetValue(format) == "jsonl";
                if (parse.GetValue(output) is not { } path)
                {
                    await WriteAsync(Console.Out, rows, jsonl, ct);
                    return 0;
                }

                var partial = path + ".partial";
                long count;
                await using (var writer = new StreamWriter(partial, false, new UTF8Encoding(false)))
                {
                    count = await WriteAsync(writer, rows, jsonl, ct);
                }

                File.Move(partial, path, overwrite: true);
                await Console.Error.WriteLineAsync($"crm-esp: segment export: {count} contacts written to {path}");
                return 0;
            }, ct));
        return command;
    }

    private static Task<long> WriteAsync(TextWriter writer, IAsyncEnumerable<SegmentContactRow> rows, bool jsonl, CancellationToken cancellationToken) =>
        SegmentExportWriter.WriteAsync(writer, rows, jsonl, cancellationToken);
}
