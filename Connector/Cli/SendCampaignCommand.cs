using System.CommandLine;
using System.Globalization;
using Connector.Campaigns;
using Connector.Host;
using Connector.Sending.Hygiene;
using Connector.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Cli;

/// <summary>
/// <c>send-campaign --template FILE (--recipients FILE | --contacts all|ID,ID… [--deal ID] [--portal KEY]) [--key K]
/// [--ttl T] [--workers N] [--reject-flagged]</c>: the <see cref="CampaignSender"/> use case from the command line; bad
/// lines are named on stderr as FILE:LINE, skipped contacts are counted per reason, the summary is one JSON object on stdout.
/// </summary>
public static class SendCampaignCommand
{
    private const int MaxProblemsShown = 100;

    public static Command Create(IConfiguration configuration, TimeProvider time, Option<bool> sandbox, IMxResolver? resolver)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var template = SendingCommands.TemplateOption();
        var recipients = new Option<string?>("--recipients") { Description = "CSV of recipients: address[,name] lines, or a header row with an email column (e.g. contacts export --format csv)" };
        var contacts = new Option<string?>("--contacts") { Description = "Mirrored CRM contacts instead of a file: all, or ID,ID… (each contact's first valid e-mail)" };
        var deal = new Option<long?>("--deal") { Description = "With --contacts: the deal the send belongs to (all = its contacts); {{ deal }} is this deal" };
        var portal = new Option<string?>("--portal") { Description = "With --contacts: portal key (member_id or webhook host#user) when the mirror holds several" };
        var key = new Option<string?>("--key") { Description = "Send key (default campaign:TEMPLATE-NAME, with --deal campaign:TEMPLATE-NAME:deal:ID); a recipient gets a key's message at most once" };
        var ttl = new Option<TimeSpan>("--ttl") { Description = "Expire what is not sent this long after now", DefaultValueFactory = _ => TimeSpan.FromDays(1) };
        var workers = new Option<int>("--workers") { Description = "Messages in flight at once", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var rejectFlagged = new Option<bool>("--reject-flagged") { Description = "Skip role accounts and disposable domains too (default: queue them, report them)" };
        var command = new Command("send-campaign", "Validate and enqueue recipients (a file or mirrored contacts) for a template in the send ledger and send what is due; prints a JSON summary")
        {
            template, recipients, contacts, deal, portal, key, ttl, workers, rejectFlagged,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (file, selection) = (parse.GetValue(recipients), parse.GetValue(contacts));
            if (ArgumentProblem(file, selection, parse.GetValue(deal), parse.GetValue(portal)) is { } argument)
            {
                await Console.Error.WriteLineAsync($"crm-esp: send-campaign: {argument}");
                return 2;
            }

            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct, resolver is null ? null : s => s.AddSingleton(resolver));
            if (await SendingCommands.SetupAsync(host, ct) is null)
            {
                return 2;
            }

            CampaignContacts? mirrored = null;
            if (selection is not null)
            {
                var (portalKey, problem) = await MirrorPortal.ResolveKeyAsync(host.Services.GetRequiredService<MirrorQueries>(), host.Choice, parse.GetValue(portal), ct);
                if (portalKey is null)
                {
                    await Console.Error.WriteLineAsync($"crm-esp: {problem}");
                    return 1;
                }

                mirrored = new CampaignContacts(portalKey, ContactIds(selection)) { DealId = parse.GetValue(deal) };
            }

            if (await SendingCommands.RenderAsync(host, parse.GetValue(template)!, null, null, _ => "", ct) is not { } compiled)
            {
                return 1;
            }

            var outcome = await host.Services.GetRequiredService<CampaignSender>().RunAsync(new CampaignRequest(compiled.Template, file)
            {
                Contacts = mirrored, SendKey = parse.GetValue(key), Ttl = parse.GetValue(ttl), Workers = parse.GetValue(workers), RejectFlagged = parse.GetValue(rejectFlagged),
            }, ct);
            if (outcome.Problem is { } failure)
            {
                await Console.Error.WriteLineAsync($"crm-esp: {failure}");
                return outcome.IsConfigurationProblem ? 2 : 1;
            }

            if (outcome.Import is { } import)
            {
                foreach (var line in import.Problems.Take(MaxProblemsShown))
                {
                    await Console.Error.WriteLineAsync($"crm-esp: {line}");
                }

                if (import.Problems.Count > MaxProblemsShown)
                {
                    await Console.Error.WriteLineAsync($"crm-esp: {file}: {import.Problems.Count - MaxProblemsShown} more lines skipped or flagged (not shown)");
                }
            }

            if (outcome.NothingQueued is { } nothing)
            {
                await Console.Error.WriteLineAsync($"crm-esp: {nothing}");
                return 1;
            }

            var summary = outcome.Run!;
            var seconds = outcome.Elapsed.TotalSeconds;
            await Console.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(Summary(outcome, seconds), CliJson.Options).AsMemory(), ct);
            return summary.ExitCode;
        });
        return command;
    }

    // One object, its keys in a fixed order; a file run's keys are what they were before --contacts existed.
    private static Dictionary<string, object?> Summary(CampaignOutcome outcome, double seconds)
    {
        var run = outcome.Run!;
        var json = new Dictionary<string, object?>(StringComparer.Ordinal) { ["send_key"] = outcome.SendKey };
        if (outcome.Selection is { } selection)
        {
            json["deal"] = outcome.Key?.DealId;
            json["contacts"] = selection.Contacts;
            json["recipients"] = selection.RecipientCount;
            json["skipped"] = selection.SkippedTotal;
            json["skipped_reasons"] = CampaignSkip.All.ToDictionary(r => r, r => selection.Skipped.GetValueOrDefault(r), StringComparer.Ordinal);
            json["flagged"] = 0;
            json["duplicates"] = selection.Duplicates;
        }
        else
        {
            var import = outcome.Import!;
            json["recipients"] = import.Count;
            json["skipped"] = import.Skipped;
            json["flagged"] = import.Flagged;
            json["duplicates"] = import.Duplicates;
        }

        json["enqueued"] = outcome.Enqueued;
        json["sent"] = run.Sent;
        json["deferred"] = run.Deferred;
        json["failed"] = run.Failed;
        json["suppressed"] = run.Suppressed;
        json["expired"] = run.Expired;
        json["abandoned"] = run.Abandoned;
        json["unknown"] = run.Unknown;
        json["remaining"] = run.Remaining;
        json["held"] = run.Held;
        json["held_until"] = run.HeldUntil;
        json["next_due"] = run.NextDue;
        json["seconds"] = Math.Round(seconds, 3);
        json["rate"] = Math.Round(run.Sent / seconds, 1);
        json["cpu_ms_per_message"] = outcome.CpuMillisecondsPerMessage;
        json["stages_ms_per_message"] = outcome.StagesPerMessage;
        if (outcome.GcPerMessage is { } gc)
        {
            json["gc"] = gc;
        }
        return json;
    }

    /// <summary>The line for a bad combination or value of the recipient options; null when they are fine.</summary>
    internal static string? ArgumentProblem(string? file, string? contacts, long? deal, string? portal) =>
        file is not null && contacts is not null ? "--contacts and --recipients cannot be used together: choose one source of recipients"
        : file is null && contacts is null ? "one of --recipients FILE or --contacts all|ID,ID… is required"
        : contacts is null && deal is not null ? "--deal needs --contacts (the deal's contacts are mirrored CRM contacts)"
        : contacts is null && portal is not null ? "--portal needs --contacts"
        : deal is <= 0 ? $"--deal {deal}: not a CRM ID (a positive whole number)"
        : contacts is not null && !contacts.Trim().Equals("all", StringComparison.OrdinalIgnoreCase) && ContactIds(contacts) is not { Count: > 0 }
            ? $"--contacts '{(contacts.Length > 80 ? contacts[..80] + "…" : contacts)}': expected all, or CRM contact IDs separated by commas (like 12,15,40)"
        : null;

    /// <summary>null for <c>all</c>; the IDs of <c>ID,ID…</c>; an empty list when any entry is not a positive whole number.</summary>
    internal static IReadOnlyList<long>? ContactIds(string contacts)
    {
        if (contacts.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var ids = new List<long>();
        foreach (var part in contacts.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return [];
            }

            ids.Add(id);
        }

        return ids;
    }
}
