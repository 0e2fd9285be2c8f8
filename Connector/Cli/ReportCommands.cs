using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Connector.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Connector.Cli;

/// <summary><c>transitions [--deal ID] [--json]</c> and <c>stages</c>.</summary>
public static class ReportCommands
{
    public static Command Transitions(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var deal = new Option<long?>("--deal") { Description = "Only this deal's transitions (CRM deal ID)" };
        var json = new Option<bool>("--json") { Description = "A JSON array on stdout" };
        var portal = PortalOption();
        var command = new Command("transitions", "Recorded stage transitions, oldest first") { deal, json, portal };
        command.SetAction(async (parse, ct) => await MirrorPortal.RunAsync(configuration, time, parse.GetValue(sandbox), parse.GetValue(portal), async (queries, portalId) =>
        {
            var rows = new List<TransitionRow>();
            await foreach (var row in queries.TransitionsAsync(portalId, parse.GetValue(deal), ct))
            {
                rows.Add(row);
            }

            if (parse.GetValue(json))
            {
                var items = rows.Select(t => new { id = t.Id, deal_id = t.DealId, from_stage = t.FromStage, to_stage = t.ToStage, from_category = t.FromPipeline, to_category = t.ToPipeline, occurred_at = t.OccurredAt, detected_by = t.DetectedBy, history_id = t.HistoryId });
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(items, CliJson.Options));
                return;
            }

            var table = new Table().AddColumns("deal", "from", "to", "when (UTC)", "found by");
            foreach (var t in rows)
            {
                table.AddRow(Text(t.DealId), Markup.Escape(t.FromStage ?? "—"), Markup.Escape(t.ToStage), Markup.Escape(t.OccurredAt), Markup.Escape(t.DetectedBy));
            }

            AnsiConsole.Write(table);
        }, ct));
        return command;
    }

    public static Command Stages(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var portal = PortalOption();
        var command = new Command("stages", "Pipelines and their stages") { portal };
        command.SetAction(async (parse, ct) => await MirrorPortal.RunAsync(configuration, time, parse.GetValue(sandbox), parse.GetValue(portal), async (queries, portalId) =>
        {
            var table = new Table().AddColumns("pipeline", "stage", "name", "sort", "semantic", "deals");
            await foreach (var s in queries.StagesAsync(portalId, ct))
            {
                table.AddRow(Markup.Escape($"{s.PipelineId} {s.PipelineName}{(s.IsDefault != 0 ? " (default)" : "")}"), Markup.Escape(s.StageId), Markup.Escape(s.Name), Text(s.Sort), s.Semantic, Text(s.Deals));
            }

            AnsiConsole.Write(table);
        }, ct));
        return command;
    }

    private static Option<string?> PortalOption() => new("--portal") { Description = "Portal key (member_id or webhook host#user) when the mirror holds several" };

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
