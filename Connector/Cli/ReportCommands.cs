using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Connector.Host;
using Connector.Reports;
using Connector.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Connector.Cli;

/// <summary>
/// <c>transitions [--deal ID] [--json]</c>, <c>stages</c>, and <c>report --key KEY | --contact ID | --deal ID [--portal KEY] [--json]</c>
/// (the send results, from <see cref="ReportQueries"/>).
/// </summary>
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

    /// <summary>
    /// <c>report --key KEY</c>: a send key's figures, in all and by recipient domain; <c>report --contact ID</c> or
    /// <c>--deal ID</c>: that CRM record's messages with their engagement. Exit 2 for bad arguments, 1 for an unknown key
    /// or portal (one line naming it).
    /// </summary>
    public static Command Report(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var key = new Option<string?>("--key") { Description = "A send key (campaign:NAME, campaign:NAME:deal:ID, …)" };
        var contact = new Option<string?>("--contact") { Description = "A CRM contact ID: its messages with their engagement" };
        var deal = new Option<string?>("--deal") { Description = "A CRM deal ID: the messages of its send keys with their engagement" };
        var json = new Option<bool>("--json") { Description = "One JSON object on stdout" };
        var portal = PortalOption();
        var command = new Command("report", "Send results: sent, delivered, bounces, complaints, unsubscribes, opens, clicks, CTOR") { key, contact, deal, portal, json };
        command.SetAction(async (parse, ct) =>
        {
            var (sendKey, contactText, dealText, portalKey) = (parse.GetValue(key), parse.GetValue(contact), parse.GetValue(deal), parse.GetValue(portal));
            if (ReportProblem(sendKey, contactText, dealText, portalKey) is { } problem)
            {
                await Console.Error.WriteLineAsync($"crm-esp: report: {problem}");
                return 2;
            }

            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var reports = host.Services.GetRequiredService<ReportQueries>();
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
            if (Console.IsOutputRedirected)
            {
                // Piped or captured: no terminal width to fit, so a table is not wrapped into 80 columns.
                console.Profile.Width = 200;
            }

            if (sendKey is not null)
            {
                if (await reports.SendKeyAsync(sendKey, ct) is not { } report)
                {
                    await Console.Error.WriteLineAsync($"crm-esp: report: no messages and no send key '{sendKey}'");
                    return 1;
                }

                if (parse.GetValue(json))
                {
                    await Console.Out.WriteLineAsync(ReportJson.SendKey(report).ToJsonString(CliJson.Options));
                }
                else
                {
                    ReportText.SendKey(console, report);
                }

                return 0;
            }

            var mirror = host.Services.GetRequiredService<MirrorQueries>();
            var (resolvedKey, portalProblem) = await MirrorPortal.ResolveKeyAsync(mirror, host.Choice, portalKey, ct);
            if (resolvedKey is null || await mirror.PortalIdAsync(resolvedKey, ct) is not { } portalId)
            {
                await Console.Error.WriteLineAsync($"crm-esp: report: {portalProblem ?? $"no portal {resolvedKey} in the store"}");
                return 1;
            }

            var (record, id) = contactText is not null ? ("contact", RecordId(contactText)!.Value) : ("deal", RecordId(dealText!)!.Value);
            var messages = record == "contact" ? await reports.ContactAsync(portalId, id, ct) : await reports.DealAsync(portalId, id, ct);
            if (parse.GetValue(json))
            {
                await Console.Out.WriteLineAsync(ReportJson.Messages(record, id, resolvedKey, messages).ToJsonString(CliJson.Options));
            }
            else
            {
                ReportText.Messages(console, messages);
            }

            return 0;
        });
        return command;
    }

    /// <summary>The line for a bad combination or value of the report's options; null when they are fine.</summary>
    internal static string? ReportProblem(string? key, string? contact, string? deal, string? portal) =>
        new[] { key, contact, deal }.Count(v => v is not null) != 1 ? "choose one of --key KEY, --contact ID or --deal ID"
        : key is not null && string.IsNullOrWhiteSpace(key) ? "--key: a send key is required"
        : key is not null && portal is not null ? "--portal applies to --contact and --deal (a send key names its portal)"
        : contact is not null && RecordId(contact) is null ? $"--contact '{Capped(contact)}': not a CRM ID (a positive whole number)"
        : deal is not null && RecordId(deal) is null ? $"--deal '{Capped(deal)}': not a CRM ID (a positive whole number)"
        : null;

    private static long? RecordId(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    private static string Capped(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static Option<string?> PortalOption() => new("--portal") { Description = "Portal key (member_id or webhook host#user) when the mirror holds several" };

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
