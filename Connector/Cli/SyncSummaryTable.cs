using System.Globalization;
using Connector.Sync;
using Spectre.Console;

namespace Connector.Cli;

public static class SyncSummaryTable
{
    public static void Write(SyncSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var table = new Table().Title($"{summary.Kind} sync {(summary.Succeeded ? "[green]done[/]" : "[red]failed[/]")}").AddColumns("", "").HideHeaders();
        void Row(string name, object value) => table.AddRow(Markup.Escape(name), Markup.Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
        Row("contacts", summary.Contacts);
        Row("deals", summary.Deals);
        Row("pipelines / stages", $"{summary.Pipelines} / {summary.Stages}");
        Row("stage transitions", summary.Transitions);
        Row("deleted (contacts / deals)", $"{summary.DeletedContacts} / {summary.DeletedDeals}");
        Row("skipped records", summary.Skipped);
        Row("API requests", $"{summary.Requests} (minimum {summary.MinimumRequests}, {summary.Calls} calls in batches)");
        Row("503s seen", summary.RateLimited);
        Row("seconds", summary.Seconds.ToString("F1", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        foreach (var reason in summary.SkippedReasons)
        {
            AnsiConsole.MarkupLine($"[yellow]skipped:[/] {Markup.Escape(reason)}");
        }
    }
}
