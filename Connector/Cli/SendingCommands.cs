using System.CommandLine;
using Connector.Sending;
using Connector.Sending.Composing;
using Connector.Sending.Dkim;
using Connector.Sending.Ledger;
using Connector.Sending.Smtp;
using Connector.Sending.Tokens;
using Connector.Store;
using Connector.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Cli;

/// <summary>
/// Sending verbs: <c>dkim keygen --domain D --out DIR</c> (RSA-2048 + Ed25519, prints one DNS record a line),
/// <c>preview --template FILE [--contact ID] [--html OUT]</c> and <c>send-test --template FILE --to ADDRESS [--contact ID]</c>.
/// Never prints a private key or the SMTP password.
/// </summary>
public static class SendingCommands
{
    public static IEnumerable<Command> Create(IConfiguration configuration, Option<bool> sandbox)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(sandbox);
        yield return Dkim(configuration);
        yield return Preview(configuration, sandbox);
        yield return SendTest(configuration, sandbox);
        yield return SendCampaign(configuration, sandbox);
    }

    private static Command SendCampaign(IConfiguration configuration, Option<bool> sandbox)
    {
        var template = TemplateOption();
        var recipients = new Option<string>("--recipients") { Description = "File with one recipient a line: address[,name]", Required = true };
        var key = new Option<string?>("--key") { Description = "Send key (default campaign:TEMPLATE-NAME); a recipient gets a key's message at most once" };
        var ttl = new Option<TimeSpan>("--ttl") { Description = "Expire what is not sent this long after now", DefaultValueFactory = _ => TimeSpan.FromDays(1) };
        var workers = new Option<int>("--workers") { Description = "Messages in flight at once", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var command = new Command("send-campaign", "Enqueue a template for every recipient in the send ledger and send what is due; prints a JSON summary") { template, recipients, key, ttl, workers };
        command.SetAction(async (parse, ct) =>
        {
            if (await SetupAsync(configuration) is not { } setup)
            {
                return 2;
            }

            await using (setup.Transport)
            {
                if (await RenderAsync(configuration, parse.GetValue(sandbox), parse.GetValue(template)!, null, _ => "", ct) is not { } compiled)
                {
                    return 1;
                }

                var clock = System.Diagnostics.Stopwatch.StartNew();
                var sender = TemplateSender.From(configuration);
                var list = (await File.ReadAllLinesAsync(parse.GetValue(recipients)!, ct)).Select(l => l.Split(',', 2)).Where(p => p[0].Contains('@', StringComparison.Ordinal))
                    .Select((p, i) => (Address: p[0].Trim(), Name: p.Length > 1 ? p[1].Trim() : null, Id: (long)i + 1)).ToList();
                var data = list.ToDictionary(r => r.Id, r => TemplateData.From(
                    new TemplateContact(r.Id, r.Name, null, null, r.Address, null, new Dictionary<string, string?>()), [], sender, ""));
                await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), ct);
                var ledger = new SendLedgerStore(host.Services.GetRequiredService<SqliteConnectionFactory>(), TimeProvider.System);
                var sendKey = parse.GetValue(key) ?? $"campaign:{compiled.Template.Name}";
                var enqueued = await ledger.EnqueueAsync(sendKey, list.Select(r => (r.Address, r.Id)), TimeProvider.System.GetUtcNow(), parse.GetValue(ttl), ct);
                var unsubscribe = setup.CreateComposer(TimeProvider.System);
                var letters = new TemplateLetterSource(compiled.Template, new SendContext(0, MailKind.Campaign, compiled.Template.Name, compiled.Template.Name), data, unsubscribe.UnsubscribeUrl);
                var runner = new SendRunner(ledger, () => setup.CreateComposer(TimeProvider.System), setup.Transport, letters, TimeProvider.System, new SendRunnerOptions
                {
                    Workers = parse.GetValue(workers), SenderDomain = setup.Settings.FromDomain, Cap = FrequencyCap.From(configuration),
                    WarmUp = WarmUpPlan.From(configuration), Rates = RateLimits.From(configuration, TimeProvider.System),
                });
                var summary = await runner.RunAsync(ct);
                var seconds = clock.Elapsed.TotalSeconds;
                await Console.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new
                {
                    send_key = sendKey, recipients = list.Count, enqueued, sent = summary.Sent, deferred = summary.Deferred, failed = summary.Failed,
                    suppressed = summary.Suppressed, expired = summary.Expired, abandoned = summary.Abandoned, seconds = Math.Round(seconds, 3),
                    rate = Math.Round(summary.Sent / seconds, 1),
                }, CliJson.Options).AsMemory(), ct);
                return summary.Failed == 0 ? 0 : 1;
            }
        });
        return command;
    }

    private static Command Preview(IConfiguration configuration, Option<bool> sandbox)
    {
        var (template, contact) = (TemplateOption(), ContactOption());
        var html = new Option<string?>("--html") { Description = "Write the rendered HTML part to this file" };
        var command = new Command("preview", "Render a template for a contact (or sample data): subject, preheader and text part to stdout") { template, contact, html };
        command.SetAction(async (parse, ct) =>
        {
            var baseUrl = (configuration["Tracking:BaseUrl"] is { Length: > 0 } url ? url : "https://tracking.invalid").TrimEnd('/');
            if (await RenderAsync(configuration, parse.GetValue(sandbox), parse.GetValue(template)!, parse.GetValue(contact), _ => $"{baseUrl}/t/u/preview", ct) is not { } rendered)
            {
                return 1;
            }

            var letter = rendered.Letter;
            if (parse.GetValue(html) is { } path)
            {
                await File.WriteAllTextAsync(path, letter.Html, ct);
            }

            var text = letter.Text ?? HtmlToText.Convert(letter.Html);
            await Console.Out.WriteLineAsync($"Subject: {letter.Subject}\nPreheader: {letter.Preheader}\n\n{text}".AsMemory(), ct);
            return 0;
        });
        return command;
    }

    private static Command SendTest(IConfiguration configuration, Option<bool> sandbox)
    {
        var (template, contact) = (TemplateOption(), ContactOption());
        var to = new Option<string>("--to") { Description = "Recipient address", Required = true };
        var command = new Command("send-test", "Render, sign and send one message of a template to an address (Smtp:*, or Smtp:PickupFolder)") { template, to, contact };
        command.SetAction(async (parse, ct) =>
        {
            if (await SetupAsync(configuration) is not { } setup)
            {
                return 2;
            }

            await using (setup.Transport)
            {
                var transport = setup.Transport;
                var composer = setup.CreateComposer(TimeProvider.System);
                var contactId = parse.GetValue(contact) ?? 0;
                var reference = new MessageRef(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds(), contactId);
                if (await RenderAsync(configuration, parse.GetValue(sandbox), parse.GetValue(template)!, parse.GetValue(contact), _ => composer.UnsubscribeUrl(reference), ct) is not { } rendered)
                {
                    return 1;
                }

                var context = new SendContext(reference.SendId, MailKind.Campaign, rendered.Template.Name, rendered.Template.Name);
                var composed = composer.Compose(rendered.Letter, new LetterRecipient(contactId, parse.GetValue(to)!, null), context);
                if (composed.Message is null)
                {
                    await Console.Error.WriteLineAsync($"crm-esp: send-test: {composed.Error}");
                    return 1;
                }

                var result = await transport.SendAsync(composed.Message, reference.SendId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
                await Console.Out.WriteLineAsync($"{result.Status}: {result.Detail}".AsMemory(), ct);
                return result.Status == DeliveryStatus.Accepted ? 0 : 1;
            }
        });
        return command;
    }

    private static async Task<SendingSetup?> SetupAsync(IConfiguration configuration)
    {
        try
        {
            return SendingSetup.From(configuration);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or FormatException)
        {
            await Console.Error.WriteLineAsync($"crm-esp: sending is not configured: {ex.Message}");
            return null;
        }
    }

    private static Option<string> TemplateOption() => new("--template") { Description = "Template file (JSON: subject, preheader, blocks or html, text)", Required = true };

    private static Option<long?> ContactOption() => new("--contact") { Description = "Mirrored contact ID (default: sample data)" };

    private static async Task<(CompiledTemplate Template, Letter Letter)?> RenderAsync(
        IConfiguration configuration, bool sandbox, string file, long? contactId, Func<long, string> unsubscribeUrl, CancellationToken cancellationToken)
    {
        TemplateFile source;
        try
        {
            source = TemplateFile.Parse(await File.ReadAllTextAsync(file, cancellationToken), Path.GetFileNameWithoutExtension(file));
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException)
        {
            await Console.Error.WriteLineAsync($"crm-esp: {file}: {ex.Message}");
            return null;
        }

        var compiled = new TemplateCompiler().Compile(source);
        foreach (var error in compiled.Errors)
        {
            await Console.Error.WriteLineAsync($"crm-esp: {error}");
        }

        if (compiled.Template is not { } template)
        {
            return null;
        }

        var sender = TemplateSender.From(configuration);
        TemplateData data;
        if (contactId is { } id)
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, sandbox), cancellationToken);
            var queries = new TemplateDataQueries(host.Services.GetRequiredService<SqliteConnectionFactory>());
            var (portalKey, problem) = await MirrorPortal.ResolveKeyAsync(host.Services.GetRequiredService<MirrorQueries>(), host.Choice, null, cancellationToken);
            if (portalKey is null)
            {
                await Console.Error.WriteLineAsync($"crm-esp: {problem}");
                return null;
            }

            if (await queries.ContactAsync(portalKey, id, cancellationToken) is not { } found)
            {
                await Console.Error.WriteLineAsync($"crm-esp: contact {id} is not in the mirror of {portalKey}; run crm-esp sync first");
                return null;
            }

            data = TemplateData.From(found.Contact, found.Deals, sender, unsubscribeUrl(id));
        }
        else
        {
            data = TemplateData.Sample(sender, unsubscribeUrl(0));
        }

        return (template, new TemplateRenderer().Render(template, data));
    }

    private static Command Dkim(IConfiguration configuration)
    {
        var domain = new Option<string>("--domain") { Description = "Signing domain (d=), e.g. example.com", Required = true };
        var output = new Option<string>("--out")
        {
            Description = "Folder for the keys (Dkim:KeyFolder)",
            DefaultValueFactory = _ => configuration["Dkim:KeyFolder"] is { Length: > 0 } folder ? folder : "data/dkim",
        };
        var keygen = new Command("keygen", "Write an RSA-2048 and an Ed25519 key and print the DNS TXT records to publish") { domain, output };
        keygen.SetAction(async (parse, ct) =>
        {
            var records = DkimKeyGenerator.Generate(parse.GetValue(domain)!.Trim().TrimEnd('.').ToLowerInvariant(), parse.GetValue(output)!, TimeProvider.System.GetUtcNow());
            foreach (var record in records)
            {
                await Console.Out.WriteLineAsync(record.ToString().AsMemory(), ct);
            }

            return 0;
        });
        return new Command("dkim", "DKIM keys for the sending domain") { keygen };
    }
}
