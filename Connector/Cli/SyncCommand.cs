using Connector.Host;
using System.CommandLine;
using System.Text.Json;
using Connector.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Connector.Cli;

/// <summary><c>crm-esp sync [--full] [--json]</c>: one pass, a progress bar and a summary (or one JSON object).</summary>
public static class SyncCommand
{
    public static Command Create(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var full = new Option<bool>("--full") { Description = "Read everything and mark what is gone as deleted" };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object on stdout" };
        var command = new Command("sync", "Run one sync pass against the portal (incremental unless --full)") { full, json };
        command.SetAction(async (parse, ct) =>
        {
            var choice = PortalChoice.From(configuration, parse.GetValue(sandbox));
            if (choice.Sandbox && !parse.GetValue(json))
            {
                AnsiConsole.MarkupLine("[grey]No portal configured (Bitrix24:WebhookUrl): using the built-in sandbox portal.[/]");
            }

            await using var host = await CliHost.StartAsync(configuration, choice, time, ct);
            var sync = host.Services.GetRequiredService<MirrorSync>();
            var mode = parse.GetValue(full) ? SyncMode.Full : SyncMode.Incremental;
            var summary = SyncSummaries.Combine(parse.GetValue(json) || !AnsiConsole.Profile.Capabilities.Interactive
                ? await sync.RunAllAsync(mode, null, ct)
                : await RunWithProgressAsync(sync, mode, ct), mode);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(SyncSummaryJson.From(summary), CliJson.Options));
            }
            else
            {
                SyncSummaryTable.Write(summary);
            }

            if (!summary.Succeeded)
            {
                await Console.Error.WriteLineAsync($"crm-esp: sync of {summary.Portal ?? "the portal"} failed: {summary.Error}");
                return 1;
            }

            return 0;
        });
        return command;
    }

    private static async Task<IReadOnlyList<SyncSummary>> RunWithProgressAsync(MirrorSync sync, SyncMode mode, CancellationToken cancellationToken) =>
        await AnsiConsole.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var contacts = context.AddTask("contacts", maxValue: 1);
                var deals = context.AddTask("deals", maxValue: 1);
                var progress = new Progress<SyncProgress>(p =>
                {
                    Update(contacts, p.Contacts, p.ExpectedContacts);
                    Update(deals, p.Deals, p.ExpectedDeals);
                });
                var summary = await sync.RunAllAsync(mode, progress, cancellationToken);
                contacts.Value = contacts.MaxValue;
                deals.Value = deals.MaxValue;
                return summary;
            });

    private static void Update(ProgressTask task, long done, long expected)
    {
        task.MaxValue = Math.Max(1, Math.Max(expected, done));
        task.Value = done;
        task.Description = $"{task.Description.Split(' ')[0]} {done:N0}";
    }
}
