using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Connector.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Cli;

/// <summary><c>contacts export</c> and <c>deals export</c>: the mirror to stdout as CSV or JSON lines, one record a row.</summary>
public static class ExportCommands
{
    public static Command Contacts(IConfiguration configuration, TimeProvider time, Option<bool> sandbox) =>
        Group("contacts", "Contacts in the mirror", configuration, time, sandbox, async (queries, portalId, jsonl, ct) =>
        {
            if (!jsonl)
            {
                await Console.Out.WriteLineAsync(CsvWriter.Line("id", "name", "second_name", "last_name", "emails", "invalid_emails", "deleted", "modified_at"));
            }

            await foreach (var c in queries.ContactsAsync(portalId, ct))
            {
                var emails = Split(c.Emails);
                var invalid = Split(c.InvalidEmails);
                await Console.Out.WriteLineAsync(jsonl
                    ? JsonSerializer.Serialize(new { id = c.Id, name = c.Name, second_name = c.SecondName, last_name = c.LastName, emails, invalid_emails = invalid, deleted = c.Deleted != 0, modified_at = c.ModifiedAt }, CliJson.Options)
                    : CsvWriter.Line(Text(c.Id), c.Name, c.SecondName, c.LastName, string.Join(';', emails), string.Join(';', invalid), c.Deleted != 0 ? "true" : "false", c.ModifiedAt));
            }
        });

    public static Command Deals(IConfiguration configuration, TimeProvider time, Option<bool> sandbox) =>
        Group("deals", "Deals in the mirror", configuration, time, sandbox, async (queries, portalId, jsonl, ct) =>
        {
            if (!jsonl)
            {
                await Console.Out.WriteLineAsync(CsvWriter.Line("id", "title", "stage_id", "category_id", "stage_semantic", "amount", "currency", "contact_ids", "deleted", "modified_at"));
            }

            await foreach (var d in queries.DealsAsync(portalId, ct))
            {
                var contacts = Split(d.ContactIds).Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray();
                await Console.Out.WriteLineAsync(jsonl
                    ? JsonSerializer.Serialize(new { id = d.Id, title = d.Title, stage_id = d.StageId, category_id = d.CategoryId, stage_semantic = d.StageSemantic, amount = d.Amount, currency = d.Currency, contact_ids = contacts, deleted = d.Deleted != 0, modified_at = d.ModifiedAt }, CliJson.Options)
                    : CsvWriter.Line(Text(d.Id), d.Title, d.StageId, Text(d.CategoryId), d.StageSemantic, d.Amount, d.Currency, string.Join(';', contacts.Select(Text)), d.Deleted != 0 ? "true" : "false", d.ModifiedAt));
            }
        });

    private static Command Group(string name, string description, IConfiguration configuration, TimeProvider time, Option<bool> sandbox,
        Func<MirrorQueries, long, bool, CancellationToken, Task> write)
    {
        var format = new Option<string>("--format") { Description = "csv or jsonl", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "jsonl");
        var portal = new Option<string?>("--portal") { Description = "Portal key (member_id or webhook host#user) when the mirror holds several" };
        var export = new Command("export", $"{description}, to stdout") { format, portal };
        export.SetAction(async (parse, ct) => await MirrorPortal.RunAsync(configuration, time, parse.GetValue(sandbox), parse.GetValue(portal),
            (queries, portalId) => write(queries, portalId, parse.GetValue(format) == "jsonl", ct), ct));
        return new Command(name, description) { export };
    }

    private static string[] Split(string? list) => string.IsNullOrEmpty(list) ? [] : list.Split(MirrorQueries.ListSeparator);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
