using System.CommandLine;
using Connector.Sending.Composing;
using Connector.Sending.Hygiene;
using Connector.Sending.Ledger;
using Connector.Store;
using Connector.Templates;
using DnsClient;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Cli;

/// <summary>
/// <c>send-campaign --template FILE --recipients FILE [--key K] [--ttl T] [--workers N] [--reject-flagged]</c>: validates
/// the recipients file (bad lines skipped and named on stderr as FILE:LINE, the rest queued), enqueues one ledger row per
/// recipient and key, and sends this key's due rows as one runner (others may run beside it); prints a JSON summary.
/// </summary>
public static class SendCampaignCommand
{
    private const int MaxProblemsShown = 100;

    public static Command Create(IConfiguration configuration, Option<bool> sandbox, IMxResolver? resolver)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var template = SendingCommands.TemplateOption();
        var recipients = new Option<string>("--recipients") { Description = "File with one recipient a line: address[,name]", Required = true };
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
            if (await SendingCommands.SetupAsync(configuration) is not { } setup)
            {
                return 2;
            }

            await using (setup.Transport)
            {
                if (await SendingCommands.RenderAsync(configuration, parse.GetValue(sandbox), parse.GetValue(template)!, null, _ => "", ct) is not { } compiled)
                {
                    return 1;
                }

                var file = parse.GetValue(recipients)!;
                RecipientImportResult import;
                try
                {
                    import = await new RecipientImport(new AddressValidator(resolver ?? Resolver(configuration)), parse.GetValue(rejectFlagged)).ReadAsync(file, ct);
                }
                catch (IOException ex)
                {
                    await Console.Error.WriteLineAsync($"crm-esp: {file}: {ex.Message}");
                    return 1;
                }

                foreach (var problem in import.Problems.Take(MaxProblemsShown))
                {
                    await Console.Error.WriteLineAsync($"crm-esp: {problem}");
                }

                if (import.Problems.Count > MaxProblemsShown)
                {
                    await Console.Error.WriteLineAsync($"crm-esp: {file}: {import.Problems.Count - MaxProblemsShown} more lines skipped or flagged (not shown)");
                }

                var clock = System.Diagnostics.Stopwatch.StartNew();
                var sender = TemplateSender.From(configuration);
                var data = import.Recipients.ToDictionary(r => r.ContactId, r => TemplateData.From(
                    new TemplateContact(r.ContactId, r.Name, null, null, r.Address, null, new Dictionary<string, string?>()), [], sender, ""));
                await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), ct);
                var ledger = new SendLedgerStore(host.Services.GetRequiredService<SqliteConnectionFactory>(), TimeProvider.System);
                var sendKey = parse.GetValue(key) ?? $"campaign:{compiled.Template.Name}";
                var enqueued = await ledger.EnqueueAsync(sendKey, import.Recipients.Select(r => (r.Address, r.ContactId)), TimeProvider.System.GetUtcNow(), parse.GetValue(ttl), ct);
                var unsubscribe = setup.CreateComposer(TimeProvider.System);
                var letters = new TemplateLetterSource(compiled.Template, new SendContext(0, MailKind.Campaign, compiled.Template.Name, compiled.Template.Name), data, unsubscribe.UnsubscribeUrl);
                var runner = new SendRunner(ledger, () => setup.CreateComposer(TimeProvider.System), setup.Transport, letters, TimeProvider.System, new SendRunnerOptions
                {
                    Workers = parse.GetValue(workers), SendKey = sendKey, SenderDomain = setup.Settings.FromDomain, Cap = FrequencyCap.From(configuration),
                    WarmUp = WarmUpPlan.From(configuration), Rates = RateLimits.From(configuration, TimeProvider.System),
                });
                var summary = await runner.RunAsync(ct);
                var seconds = clock.Elapsed.TotalSeconds;
                await Console.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new
                {
                    send_key = sendKey, recipients = import.Recipients.Count, skipped = import.Skipped, flagged = import.Flagged, duplicates = import.Duplicates,
                    enqueued, sent = summary.Sent, deferred = summary.Deferred, failed = summary.Failed, suppressed = summary.Suppressed, expired = summary.Expired,
                    abandoned = summary.Abandoned, unknown = summary.Unknown, remaining = summary.Remaining, held = summary.Held, held_until = summary.HeldUntil,
                    next_due = summary.NextDue, seconds = Math.Round(seconds, 3), rate = Math.Round(summary.Sent / seconds, 1),
                }, CliJson.Options).AsMemory(), ct);
                return summary.ExitCode;
            }
        });
        return command;
    }

    private static IMxResolver Resolver(IConfiguration configuration) =>
        bool.TryParse(configuration["Sending:Validation:CheckMx"], out var check) && !check
            ? new SkipMxResolver()
            : new DnsClientMxResolver(new LookupClient(new LookupClientOptions { Timeout = TimeSpan.FromSeconds(2), Retries = 1, ThrowDnsErrors = false, UseCache = true }));
}
