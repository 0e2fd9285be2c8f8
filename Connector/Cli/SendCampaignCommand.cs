using System.CommandLine;
using Connector.Campaigns;
using Connector.Host;
using Connector.Sending.Hygiene;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Cli;

/// <summary>
/// <c>send-campaign --template FILE --recipients FILE [--key K] [--ttl T] [--workers N] [--reject-flagged]</c>: the
/// <see cref="CampaignSender"/> use case from the command line; bad lines are named on stderr as FILE:LINE, the
/// summary is one JSON object on stdout.
/// </summary>
public static class SendCampaignCommand
{
    private const int MaxProblemsShown = 100;

    public static Command Create(IConfiguration configuration, TimeProvider time, Option<bool> sandbox, IMxResolver? resolver)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var template = SendingCommands.TemplateOption();
        var recipients = new Option<string>("--recipients") { Description = "CSV of recipients: address[,name] lines, or a header row with an email column (e.g. contacts export --format csv)", Required = true };
        var key = new Option<string?>("--key") { Description = "Send key (default campaign:TEMPLATE-NAME); a recipient gets a key's message at most once" };
        var ttl = new Option<TimeSpan>("--ttl") { Description = "Expire what is not sent this long after now", DefaultValueFactory = _ => TimeSpan.FromDays(1) };
        var workers = new Option<int>("--workers") { Description = "Messages in flight at once", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var rejectFlagged = new Option<bool>("--reject-flagged") { Description = "Skip role accounts and disposable domains too (default: queue them, report them)" };
        var command = new Command("send-campaign", "Validate and enqueue recipients for a template in the send ledger and send what is due; prints a JSON summary")
        {
            template, recipients, key, ttl, workers, rejectFlagged,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct, resolver is null ? null : s => s.AddSingleton(resolver));
            if (await SendingCommands.SetupAsync(host, ct) is null)
            {
                return 2;
            }

            if (await SendingCommands.RenderAsync(host, parse.GetValue(template)!, null, null, _ => "", ct) is not { } compiled)
            {
                return 1;
            }

            var outcome = await host.Services.GetRequiredService<CampaignSender>().RunAsync(new CampaignRequest(compiled.Template, parse.GetValue(recipients)!)
            {
                SendKey = parse.GetValue(key), Ttl = parse.GetValue(ttl), Workers = parse.GetValue(workers), RejectFlagged = parse.GetValue(rejectFlagged),
            }, ct);
            if (outcome.Problem is { } problem)
            {
                await Console.Error.WriteLineAsync($"crm-esp: {problem}");
                return outcome.IsConfigurationProblem ? 2 : 1;
            }

            var import = outcome.Import!;
            foreach (var line in import.Problems.Take(MaxProblemsShown))
            {
                await Console.Error.WriteLineAsync($"crm-esp: {line}");
            }

            if (import.Problems.Count > MaxProblemsShown)
            {
                await Console.Error.WriteLineAsync($"crm-esp: {parse.GetValue(recipients)}: {import.Problems.Count - MaxProblemsShown} more lines skipped or flagged (not shown)");
            }

            if (outcome.NothingQueued is { } nothing)
            {
                await Console.Error.WriteLineAsync($"crm-esp: {nothing}");
                return 1;
            }

            var summary = outcome.Run!;
            var seconds = outcome.Elapsed.TotalSeconds;
            await Console.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new
            {
                send_key = outcome.SendKey, recipients = import.Recipients.Count, skipped = import.Skipped, flagged = import.Flagged, duplicates = import.Duplicates,
                enqueued = outcome.Enqueued, sent = summary.Sent, deferred = summary.Deferred, failed = summary.Failed, suppressed = summary.Suppressed, expired = summary.Expired,
                abandoned = summary.Abandoned, unknown = summary.Unknown, remaining = summary.Remaining, held = summary.Held, held_until = summary.HeldUntil,
                next_due = summary.NextDue, seconds = Math.Round(seconds, 3), rate = Math.Round(summary.Sent / seconds, 1),
                cpu_ms_per_message = outcome.CpuMillisecondsPerMessage, stages_ms_per_message = outcome.StagesPerMessage,
            }, CliJson.Options).AsMemory(), ct);
            return summary.ExitCode;
        });
        return command;
    }
}
